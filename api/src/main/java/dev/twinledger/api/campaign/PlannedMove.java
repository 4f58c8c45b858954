package dev.twinledger.api.campaign;

/**
 * One VM move planned by a campaign.
 *
 * @param vmId         the VM
 * @param memoryMib    the VM's memory, in MiB
 * @param fromHostId   where it runs now
 * @param toHostId     where it goes
 * @param migrationId  the id of the migration requested for this move (a retry gets a new id)
 * @param attempt      1 for the first attempt
 */
public record PlannedMove(String vmId, long memoryMib, String fromHostId, String toHostId, String migrationId,
                          int attempt) {
}
