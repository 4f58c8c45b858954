package dev.twinledger.queryside.pointintime;

import dev.twinledger.queryside.asof.SnapshotView;

import java.time.Instant;

/**
 * One resource as it was at an instant.
 *
 * @param at       the instant asked about
 * @param resource the version valid at {@code at}
 */
public record ResourceAtView(Instant at, SnapshotView resource) {
}
