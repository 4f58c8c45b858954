package dev.twinledger.queryside.pointintime;

import dev.twinledger.queryside.asof.SnapshotView;

import java.time.Instant;
import java.util.List;

/**
 * A project and one page of what it owned at an instant, ordered by id.
 *
 * @param at      the instant asked about
 * @param project the project's own version valid at {@code at}
 * @param items   the project's VMs, volumes and containers then, as they were
 * @param limit   the page size asked for
 * @param next    the id to pass as {@code after} for the next page; null on the last page
 */
public record ProjectAtView(Instant at, SnapshotView project, List<SnapshotView> items, int limit, String next) {
}
