package dev.twinledger.commandside.campaign;

/**
 * The payload of the deadline a campaign sets for each migration it requests. Stored (as JSON) with the deadline in
 * the deadline table until it fires or is cancelled, so renaming it or its fields breaks deadlines already scheduled.
 *
 * @param vmId           the migrating VM
 * @param migrationId    the migration
 * @param timeoutSeconds how long the migration was given, in seconds
 */
public record MigrationTimeout(String vmId, String migrationId, long timeoutSeconds) {
}
