package dev.twinledger.commandside.keycloaksync;

import java.time.Duration;

/**
 * What the report says about the sync's configuration (no credentials).
 *
 * @param enabled     whether this command side runs the sync
 * @param parentGroup the Keycloak group under which Twinledger's groups live
 * @param interval    the pause between runs
 */
public record SyncSettings(boolean enabled, String parentGroup, Duration interval) {
}
