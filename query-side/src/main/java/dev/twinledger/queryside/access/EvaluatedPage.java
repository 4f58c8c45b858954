package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * One page of an answer evaluated at an instant: the usual page fields plus what was asked and when.
 *
 * @param principal  the principal asked about ({@code what can P do}), or null
 * @param action     the action asked about ({@code who can}), or null
 * @param resource   the resource asked about ({@code who can}), or null
 * @param asOf       the instant evaluated
 * @param items      this page's items
 * @param page       zero-based page number
 * @param size       page size
 * @param totalItems items on all pages
 * @param totalPages pages of {@code size}
 * @param <T>        the item type
 */
public record EvaluatedPage<T>(String principal, String action, ResourceView resource, Instant asOf, List<T> items,
                               int page, int size, long totalItems, long totalPages) {

    /** The page {@code page} of an answer already cut to it, with the whole answer's {@code total}. */
    static <T> EvaluatedPage<T> of(String principal, String action, ResourceView resource, Instant asOf,
                                   AccessEvaluator.Page<T> cut, int page, int size) {
        return new EvaluatedPage<>(principal, action, resource, asOf, List.copyOf(cut.items()), page, size,
                cut.total(), (cut.total() + size - 1) / size);
    }

    /** The page {@code page} of {@code all}, which is already in its stable order. */
    static <T> EvaluatedPage<T> of(String principal, String action, ResourceView resource, Instant asOf, List<T> all,
                                   int page, int size) {
        long from = Math.min((long) page * size, all.size());
        long to = Math.min(from + size, all.size());
        return new EvaluatedPage<>(principal, action, resource, asOf, List.copyOf(all.subList((int) from, (int) to)),
                page, size, all.size(), (all.size() + size - 1) / size);
    }
}
