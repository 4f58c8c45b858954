package dev.twinledger.commandside.keycloaksync;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one sync run.
 *
 * @param startedAt      when it started
 * @param finishedAt     when it ended
 * @param error          why it failed (Keycloak unreachable, credentials refused, ...), or null when it succeeded; a
 *                       failed run records nothing, and the next run starts from what Keycloak then holds
 * @param groupsCreated  groups it created in Keycloak
 * @param membersAdded   memberships it added in Keycloak
 * @param membersRemoved memberships it removed from Keycloak
 * @param drift          the drift it found (empty when it failed)
 */
public record SyncRun(Instant startedAt, Instant finishedAt, String error, int groupsCreated, int membersAdded,
                      int membersRemoved, List<DriftItem> drift) {

    public SyncRun {
        drift = List.copyOf(drift);
    }

    /** Whether the run completed. */
    public boolean succeeded() {
        return error == null;
    }
}
