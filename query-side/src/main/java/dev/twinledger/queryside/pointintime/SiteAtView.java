package dev.twinledger.queryside.pointintime;

import dev.twinledger.queryside.asof.SnapshotView;

import java.time.Instant;
import java.util.List;

/**
 * A site and one page of what stood there at an instant, ordered by id.
 *
 * @param at    the instant asked about
 * @param site  the site's own version valid at {@code at}
 * @param items hosts, VMs and volumes at the site then, and containers with a replica there then, as they were
 * @param limit the page size asked for
 * @param next  the id to pass as {@code after} for the next page; null on the last page
 */
public record SiteAtView(Instant at, SnapshotView site, List<SnapshotView> items, int limit, String next) {
}
