package dev.twinledger.commandside.keycloaksync.web;

import dev.twinledger.commandside.keycloaksync.DriftView;
import dev.twinledger.commandside.keycloaksync.LastRun;

import java.util.List;

/**
 * The answer of {@code GET /api/access/keycloak-sync}.
 *
 * @param enabled     whether this command side runs the sync
 * @param parentGroup the Keycloak group under which Twinledger's groups live
 * @param interval    the pause between runs, ISO-8601 (e.g. {@code PT30S})
 * @param lastRun     the latest run (of any instance), or null when none ran
 * @param pushed      what Twinledger manages in Keycloak now
 * @param drift       every drift item, by group then user
 */
public record KeycloakSyncReport(boolean enabled, String parentGroup, String interval, LastRun lastRun,
                                 Pushed pushed, List<DriftView> drift) {

    /**
     * The recorded baseline's size.
     *
     * @param groups      groups Twinledger created or adopted under the parent group
     * @param memberships memberships Twinledger pushed (or found agreeing) and not removed
     */
    public record Pushed(long groups, long memberships) {
    }
}
