package dev.twinledger.policies.grant;

import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * Ascending lists of ordinals (positions of grants or memberships in their snapshot), kept sorted so that whatever
 * an index hands out comes in the order the items were given.
 */
final class Ordinals {

    static final PVector<Integer> NONE = TreePVector.empty();

    private Ordinals() {
    }

    /** {@code ordinals} with {@code ordinal}, which it does not hold yet, in its place. */
    static PVector<Integer> with(PVector<Integer> ordinals, int ordinal) {
        return ordinals.plus(firstNotBelow(ordinals, ordinal), ordinal);
    }

    /** {@code ordinals} without {@code ordinal}, which it holds. */
    static PVector<Integer> without(PVector<Integer> ordinals, int ordinal) {
        return ordinals.minus(firstNotBelow(ordinals, ordinal));
    }

    /**
     * The index of the first ordinal not below {@code ordinal}, or the size. A binary search by index: the vector
     * answers {@code get} in a logarithm of its size, but is not {@link java.util.RandomAccess}, so
     * {@link java.util.Collections#binarySearch} would walk it with an iterator instead.
     */
    private static int firstNotBelow(PVector<Integer> ordinals, int ordinal) {
        int low = 0;
        int high = ordinals.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ordinals.get(middle) < ordinal) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
