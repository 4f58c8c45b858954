package dev.twinledger.policies.grant;

import org.pcollections.PVector;
import org.pcollections.TreePVector;

import java.util.Collections;

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
        return ordinals.plus(-Collections.binarySearch(ordinals, ordinal) - 1, ordinal);
    }

    /** {@code ordinals} without {@code ordinal}, which it holds. */
    static PVector<Integer> without(PVector<Integer> ordinals, int ordinal) {
        return ordinals.minus(Collections.binarySearch(ordinals, ordinal));
    }
}
