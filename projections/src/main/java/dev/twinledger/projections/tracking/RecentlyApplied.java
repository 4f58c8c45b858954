package dev.twinledger.projections.tracking;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global positions this process committed most recently, at most a fixed number of them (the oldest are
 * forgotten first). Waiters for read-your-writes ask here after each commit signal instead of the database: with many
 * waiters, asking the database after every batch took the connections the projection itself needs.
 *
 * <p>Only ever says "applied" for a position that was committed; a position it does not hold may still be applied
 * (committed long ago, or by another process), which callers learn from the database.
 */
final class RecentlyApplied {

    private final int capacity;
    private final Set<Long> positions = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Long> order = new ArrayDeque<>();

    RecentlyApplied(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Records positions whose rows have just been committed. */
    synchronized void addAll(Collection<Long> committed) {
        for (Long position : committed) {
            if (positions.add(position)) {
                order.addLast(position);
                if (order.size() > capacity) {
                    positions.remove(order.removeFirst());
                }
            }
        }
    }

    /** Whether {@code position} is among the recently committed ones. */
    boolean contains(long position) {
        return positions.contains(position);
    }
}
