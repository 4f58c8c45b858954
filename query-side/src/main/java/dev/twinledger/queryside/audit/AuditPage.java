package dev.twinledger.queryside.audit;

import java.util.List;

/**
 * One page of an audit list, paged by key (global position, or the access log's id).
 *
 * @param items the items, in {@code order}
 * @param order {@code asc} (oldest first) or {@code desc}
 * @param after the key this page starts after, or null for the first page
 * @param limit the most items a page holds
 * @param next  the {@code after} of the next page, or null when this is the last one
 * @param <T>   the item type
 */
public record AuditPage<T>(List<T> items, String order, Long after, int limit, Long next) {

    /** A page from up to {@code limit + 1} rows read: one more than fits means there is a next page. */
    static <T> AuditPage<T> of(List<T> rows, AuditPaging paging, java.util.function.ToLongFunction<T> key) {
        boolean more = rows.size() > paging.limit();
        List<T> items = more ? rows.subList(0, paging.limit()) : rows;
        Long next = more ? key.applyAsLong(items.get(items.size() - 1)) : null;
        return new AuditPage<>(List.copyOf(items), paging.order(), paging.after(), paging.limit(), next);
    }
}
