package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.FindHosts;
import dev.twinledger.api.inventory.FindVms;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the inventory tables the projections module owns ({@code sites}, {@code hosts}, {@code vms}).
 *
 * <p>Lists are ordered by id (byte order, see the migration) and paged with limit/offset. The count and the page
 * are read in one repeatable-read transaction, so that totals and items agree even while the projection commits.
 */
@Repository
public class InventoryQueries {

    private static final String VM_COLUMNS = "id, name, site_id, host_id, project, environment, vcpus, memory_mib, "
            + "state, provisioned_at, decommissioned_at";
    private static final String HOST_COLUMNS = "id, site_id, name, cpu_cores, memory_mib, state, registered_at";
    private static final String SITE_COLUMNS = "id, name, platform, registered_at";

    private final NamedParameterJdbcTemplate jdbc;

    public InventoryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** VMs matching every given filter, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<VmView> findVms(FindVms filter) {
        Where where = new Where()
                .equal("site_id", filter.siteId())
                .equal("project", filter.project())
                .equal("environment", filter.environment() == null ? null : filter.environment().name())
                .equal("state", filter.state() == null ? null : filter.state().name())
                .equal("host_id", filter.hostId());
        return page("vms", VM_COLUMNS, where, filter.page(), filter.size(), InventoryQueries::vm);
    }

    /** The VM with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<VmView> findVm(String id) {
        return one("vms", VM_COLUMNS, id, InventoryQueries::vm);
    }

    /** Hosts matching every given filter (null means any), one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<HostView> findHosts(FindHosts filter) {
        Where where = new Where()
                .equal("site_id", filter.siteId())
                .equal("state", filter.state() == null ? null : filter.state().name());
        return page("hosts", HOST_COLUMNS, where, filter.page(), filter.size(), InventoryQueries::host);
    }

    /** The host with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<HostView> findHost(String id) {
        return one("hosts", HOST_COLUMNS, id, InventoryQueries::host);
    }

    /** All sites, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<SiteView> findSites(int page, int size) {
        return page("sites", SITE_COLUMNS, new Where(), page, size, InventoryQueries::site);
    }

    /** The site with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<SiteView> findSite(String id) {
        return one("sites", SITE_COLUMNS, id, InventoryQueries::site);
    }

    private <T> PageView<T> page(String table, String columns, Where where, int page, int size, RowMapper<T> mapper) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM " + table + where.sql(), where.params, Long.class);
        MapSqlParameterSource params = new MapSqlParameterSource(where.params.getValues())
                .addValue("limit", size)
                .addValue("offset", Paging.offset(page, size));
        List<T> items = jdbc.query("SELECT " + columns + " FROM " + table + where.sql()
                + " ORDER BY id LIMIT :limit OFFSET :offset", params, mapper);
        return PageView.of(items, page, size, total == null ? 0 : total);
    }

    private <T> Optional<T> one(String table, String columns, String id, RowMapper<T> mapper) {
        return jdbc.query("SELECT " + columns + " FROM " + table + " WHERE id = :id",
                new MapSqlParameterSource("id", id), mapper).stream().findFirst();
    }

    private static VmView vm(ResultSet rs, int row) throws SQLException {
        return new VmView(rs.getString("id"), rs.getString("name"), rs.getString("site_id"), rs.getString("host_id"),
                rs.getString("project"), Environment.valueOf(rs.getString("environment")), rs.getInt("vcpus"),
                rs.getLong("memory_mib"), VmState.valueOf(rs.getString("state")), instant(rs, "provisioned_at"),
                instant(rs, "decommissioned_at"));
    }

    private static HostView host(ResultSet rs, int row) throws SQLException {
        return new HostView(rs.getString("id"), rs.getString("site_id"), rs.getString("name"), rs.getInt("cpu_cores"),
                rs.getLong("memory_mib"), HostState.valueOf(rs.getString("state")), instant(rs, "registered_at"));
    }

    private static SiteView site(ResultSet rs, int row) throws SQLException {
        return new SiteView(rs.getString("id"), rs.getString("name"), Platform.valueOf(rs.getString("platform")),
                instant(rs, "registered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Equality filters joined with AND; column names are constants of this class, values are bound. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final MapSqlParameterSource params = new MapSqlParameterSource();

        Where equal(String column, String value) {
            if (value != null) {
                conditions.add(column + " = :" + column);
                params.addValue(column, value);
            }
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
