package dev.twinledger.queryside.audit;

/**
 * Keyset paging over a strictly increasing key (the global position, or the access log's id): the items after a
 * key in the chosen direction, stable while new items arrive, at the same cost on every page.
 *
 * @param after      the key of the last item of the previous page; null for the first page
 * @param limit      the most items on this page, 1 to 500
 * @param descending newest first (keys below {@code after}) instead of oldest first
 */
public record AuditPaging(Long after, int limit, boolean descending) {

    /** The first page, oldest first, of the default size. */
    public static final AuditPaging FIRST = new AuditPaging(null, AuditParameters.DEFAULT_LIMIT, false);

    /** {@code asc} or {@code desc}. */
    public String order() {
        return descending ? "desc" : "asc";
    }

    /** The condition on {@code column} that starts the page after the cursor, or null on the first page. */
    String afterCondition(String column, String param) {
        return after == null ? null : column + (descending ? " < :" : " > :") + param;
    }

    /** The SQL order. */
    String orderBy(String column) {
        return column + (descending ? " DESC" : " ASC");
    }
}
