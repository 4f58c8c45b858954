package dev.twinledger.commandside.keycloaksync;

import java.time.Instant;

/**
 * The latest run as recorded, whichever instance ran it.
 *
 * @param startedAt      when it started
 * @param finishedAt     when it ended
 * @param succeeded      whether it completed
 * @param error          why it failed, or null
 * @param groupsCreated  groups the latest successful run created
 * @param membersAdded   memberships the latest successful run added
 * @param membersRemoved memberships the latest successful run removed
 * @param lastSuccessAt  when the latest successful run ended, or null when none has
 */
public record LastRun(Instant startedAt, Instant finishedAt, boolean succeeded, String error, int groupsCreated,
                      int membersAdded, int membersRemoved, Instant lastSuccessAt) {
}
