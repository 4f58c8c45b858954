package dev.twinledger.commandside.keycloaksync;

import java.time.Instant;

/**
 * A reported drift item as stored and shown.
 *
 * @param group                the group id
 * @param username             the lower-case username, or null for a drift of the whole group
 * @param kind                 what differs
 * @param detectedAt           the first run that saw it (with this kind)
 * @param overwriteRequestedBy who asked the next run to overwrite Keycloak with the directory here, or null
 * @param overwriteRequestedAt when, or null
 */
public record DriftView(String group, String username, DriftKind kind, Instant detectedAt,
                        String overwriteRequestedBy, Instant overwriteRequestedAt) {

    /** The item without its history. */
    public DriftItem item() {
        return new DriftItem(group, username, kind);
    }
}
