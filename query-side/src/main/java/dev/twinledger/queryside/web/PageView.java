package dev.twinledger.queryside.web;

import java.util.List;

/**
 * One page of a list answer, ordered by id.
 *
 * @param items      the items on this page; empty past the last page
 * @param page       the zero-based page number asked for
 * @param size       the page size asked for (1 to 500)
 * @param totalItems items matching the filters, on all pages
 * @param totalPages pages of {@code size} needed for {@code totalItems}; 0 when nothing matches
 * @param <T>        the item type
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    /** Makes a page, computing {@code totalPages}. */
    public static <T> PageView<T> of(List<T> items, int page, int size, long totalItems) {
        return new PageView<>(List.copyOf(items), page, size, totalItems, (totalItems + size - 1) / size);
    }
}
