package dev.twinledger.queryside.readmodel;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditions joined with AND, each added only when its value is given (null means "any"). Columns and conditions
 * are constants of the calling query, never input; values are always bound parameters.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final MapSqlParameterSource params = new MapSqlParameterSource();

    /** {@code column = :param} when {@code value} is not null. */
    public Where equal(String column, String param, Object value) {
        return when(value, column + " = :" + param, param);
    }

    /** {@code column = :param} with an enum's name, when it is not null. */
    public Where equal(String column, String param, Enum<?> value) {
        return equal(column, param, value == null ? null : (Object) value.name());
    }

    /**
     * {@code condition}, which refers to {@code :param}, when {@code value} is not null; e.g.
     * {@code "v.tags @> CAST(:tag0 AS jsonb)"}.
     */
    public Where when(Object value, String condition, String param) {
        if (value != null) {
            conditions.add(condition);
            params.addValue(param, value);
        }
        return this;
    }

    /** A condition that always applies, without parameters. */
    public Where always(String condition) {
        conditions.add(condition);
        return this;
    }

    /** The {@code WHERE ...} clause, or an empty string without conditions. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The conditions joined with AND, or {@code TRUE} without any: for a condition used as a column's value. */
    public String conditions() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    /** The bound values of the conditions. */
    public MapSqlParameterSource params() {
        return params;
    }
}
