package dev.twinledger.queryside.readmodel;

import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Runs the features' read queries on the read database: one page of a filtered list with its total, one row, or all
 * rows. Callers wrap a page in a repeatable-read transaction so that total and items agree.
 */
@Component
public class ReadModel {

    private final NamedParameterJdbcTemplate jdbc;

    public ReadModel(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page: {@code SELECT select FROM from WHERE ... ORDER BY orderBy LIMIT size OFFSET page * size}, with the
     * total of {@code SELECT count(*) FROM countFrom WHERE ...}.
     *
     * @param select    the column list, may refer to joined tables of {@code from}
     * @param from      the table with any joins that only add columns
     * @param countFrom the table the conditions filter (no joins needed to count)
     */
    public <T> PageView<T> page(String select, String from, String countFrom, Where where, String orderBy, int page,
                                int size, RowMapper<T> mapper) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM " + countFrom + where.sql(), where.params(),
                Long.class);
        MapSqlParameterSource params = new MapSqlParameterSource(where.params().getValues())
                .addValue("limit", size)
                .addValue("offset", Paging.offset(page, size));
        List<T> items = jdbc.query("SELECT " + select + " FROM " + from + where.sql() + " ORDER BY " + orderBy
                + " LIMIT :limit OFFSET :offset", params, mapper);
        return PageView.of(items, page, size, total == null ? 0 : total);
    }

    /** The first row of {@code sql}, if any. */
    public <T> Optional<T> one(String sql, MapSqlParameterSource params, RowMapper<T> mapper) {
        return jdbc.query(sql, params, mapper).stream().findFirst();
    }

    /** Every row of {@code sql}. */
    public <T> List<T> list(String sql, MapSqlParameterSource params, RowMapper<T> mapper) {
        return jdbc.query(sql, params, mapper);
    }

    /** Runs one write statement; the read model's own tables are the projections', this is for the query side's. */
    public int update(String sql, MapSqlParameterSource params) {
        return jdbc.update(sql, params);
    }

    /** A single value. */
    public <T> T value(String sql, MapSqlParameterSource params, Class<T> type) {
        return jdbc.queryForObject(sql, params, type);
    }
}
