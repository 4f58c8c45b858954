package dev.twinledger.policies.grant;

import org.pcollections.PVector;

import java.util.function.ToIntFunction;

/**
 * Index lists kept in ascending order of ordinal (the position of a grant or membership in its snapshot), so that
 * whatever an index hands out comes in the order the items were given.
 */
final class Ordinals {

    private Ordinals() {
    }

    /** {@code list} with {@code item}, whose ordinal it does not hold yet, in its place. */
    static <T> PVector<T> with(PVector<T> list, T item, ToIntFunction<T> ordinalOf) {
        return list.plus(firstNotBelow(list, ordinalOf.applyAsInt(item), ordinalOf), item);
    }

    /** {@code list} without the item of {@code ordinal}, which it holds. */
    static <T> PVector<T> without(PVector<T> list, int ordinal, ToIntFunction<T> ordinalOf) {
        return list.minus(firstNotBelow(list, ordinal, ordinalOf));
    }

    /**
     * The index of the first item whose ordinal is not below {@code ordinal}, or the size. A binary search by index:
     * the vector answers {@code get} in a logarithm of its size but is not {@link java.util.RandomAccess}, so
     * {@link java.util.Collections#binarySearch} would walk it with an iterator instead.
     */
    private static <T> int firstNotBelow(PVector<T> list, int ordinal, ToIntFunction<T> ordinalOf) {
        int low = 0;
        int high = list.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ordinalOf.applyAsInt(list.get(middle)) < ordinal) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
