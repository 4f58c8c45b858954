package dev.twinledger.commandside.campaign;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Migration ids of a campaign's moves. Deterministic, so a plan replayed from the event store names the same
 * migrations and tests can predict them; unique, because no two moves share (campaign, host, VM, direction, attempt):
 * a VM leaves and re-enters each host of a campaign at most once. A name-based UUID keeps them within the 64
 * characters of a resource id whatever the lengths of the ids it is made of.
 */
final class MigrationIds {

    /** Which way a move goes relative to the host being upgraded. */
    enum Direction {
        /** Out of the host, onto other capacity. */
        OUT,
        /** Back onto the host after its upgrade (or after its evacuation was given up). */
        BACK
    }

    private MigrationIds() {
    }

    static String of(String campaignId, String hostId, String vmId, Direction direction, int attempt) {
        String name = String.join("\u0000", campaignId, hostId, vmId, direction.name(), Integer.toString(attempt));
        return "cm-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
