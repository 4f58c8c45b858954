package dev.twinledger.queryside.web;

import java.util.Map;

/**
 * A list's order as a client asks for it: {@code sort=memoryMib} ascending, {@code sort=-memoryMib} descending. Ties
 * are always broken by id ascending, so paging is stable.
 *
 * @param field      the sort field as the API names it
 * @param descending whether the order is descending
 */
public record SortOrder(String field, boolean descending) {

    /** The order by id, ascending: every list's default. */
    public static final SortOrder BY_ID = new SortOrder("id", false);

    /**
     * Parses a {@code sort} parameter already validated against the allowed fields; blank means {@code fallback}.
     */
    public static SortOrder parse(String sort, SortOrder fallback) {
        if (sort == null || sort.isBlank()) {
            return fallback;
        }
        String trimmed = sort.trim();
        return trimmed.startsWith("-") ? new SortOrder(trimmed.substring(1), true) : new SortOrder(trimmed, false);
    }

    /**
     * The SQL {@code ORDER BY} list for this order.
     *
     * @param columns  the column of each allowed field (constants of the caller, never input)
     * @param idColumn the id column, the tie-break
     * @throws IllegalArgumentException when the field is not one of {@code columns} (the controller should have
     *                                  refused it with a 400)
     */
    public String orderBy(Map<String, String> columns, String idColumn) {
        String column = columns.get(field);
        if (column == null) {
            throw new IllegalArgumentException("unknown sort field '" + field + "'");
        }
        String direction = descending ? " DESC" : " ASC";
        if (column.equals(idColumn)) {
            return idColumn + direction;
        }
        return column + direction + ", " + idColumn + " ASC";
    }
}
