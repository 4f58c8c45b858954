package dev.twinledger.queryside.capacity;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.nullableDouble;
import static dev.twinledger.queryside.readmodel.Rows.nullableLong;
import static dev.twinledger.queryside.readmodel.Rows.utilizationPercent;

/** Reads host memory ({@code hosts}), the per-site sums (view {@code site_capacity}) and {@code capacity_alerts}. */
@Repository
public class CapacityQueries {

    private static final String ALERT_COLUMNS = "id, host_id, site_id, severity, state, threshold_percent, "
            + "raised_allocated_mib, raised_capacity_mib, raised_utilization_percent, raised_at, raised_position, "
            + "cleared_allocated_mib, cleared_capacity_mib, cleared_utilization_percent, cleared_at, "
            + "cleared_position";

    private final ReadModel readModel;

    public CapacityQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** Memory of the hosts that are not decommissioned, optionally of one site, ordered by host id. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<HostCapacityView> hosts(String siteId, int page, int size) {
        Where where = new Where().always("h.state <> 'DECOMMISSIONED'").equal("h.site_id", "siteId", siteId);
        return readModel.page("""
                        h.id, h.site_id, h.name, h.state, h.temporary, h.memory_mib, h.reserved_memory_mib,
                        h.overcommit_ratio, h.capacity_mib, h.allocated_mib, h.free_mib,
                        (SELECT a.severity FROM capacity_alerts a WHERE a.host_id = h.id AND a.state = 'OPEN'
                          ORDER BY a.raised_position DESC LIMIT 1) AS open_alert""",
                "hosts h", "hosts h", where, "h.id", page, size, CapacityQueries::hostCapacity);
    }

    /** Memory per site, optionally of one site, ordered by site id. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<SiteCapacityView> sites(String siteId, int page, int size) {
        Where where = new Where().equal("site_id", "siteId", siteId);
        return readModel.page("*", "site_capacity", "site_capacity", where, "site_id", page, size,
                CapacityQueries::siteCapacity);
    }

    /** Alerts matching every given filter, newest raised first. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<AlertView> alerts(AlertFilter filter) {
        Where where = new Where()
                .equal("state", "state", filter.state())
                .equal("site_id", "siteId", filter.siteId())
                .equal("host_id", "hostId", filter.hostId())
                .equal("severity", "severity", filter.severity());
        return readModel.page(ALERT_COLUMNS, "capacity_alerts", "capacity_alerts", where, "raised_position DESC",
                filter.page(), filter.size(), CapacityQueries::alert);
    }

    /** The host's open alert, if it has one (at most one is open at a time). */
    @Transactional(readOnly = true)
    public Optional<AlertView> openAlert(String hostId) {
        return readModel.one("SELECT " + ALERT_COLUMNS + " FROM capacity_alerts WHERE host_id = :hostId "
                        + "AND state = 'OPEN' ORDER BY raised_position DESC LIMIT 1",
                new MapSqlParameterSource("hostId", hostId), CapacityQueries::alert);
    }

    private static HostCapacityView hostCapacity(ResultSet rs, int row) throws SQLException {
        long capacity = rs.getLong("capacity_mib");
        long allocated = rs.getLong("allocated_mib");
        return new HostCapacityView(rs.getString("id"), rs.getString("site_id"), rs.getString("name"),
                enumOf(rs, "state", HostState.class), rs.getBoolean("temporary"), rs.getLong("memory_mib"),
                rs.getLong("reserved_memory_mib"), rs.getDouble("overcommit_ratio"), capacity, allocated,
                rs.getLong("free_mib"), utilizationPercent(allocated, capacity),
                enumOf(rs, "open_alert", AlertSeverity.class));
    }

    private static SiteCapacityView siteCapacity(ResultSet rs, int row) throws SQLException {
        long capacity = rs.getLong("capacity_mib");
        long allocated = rs.getLong("allocated_mib");
        return new SiteCapacityView(rs.getString("site_id"), rs.getString("site_name"),
                enumOf(rs, "platform", Platform.class), rs.getLong("hosts"), rs.getLong("active_hosts"),
                rs.getLong("maintenance_hosts"), rs.getLong("temporary_hosts"), rs.getLong("physical_mib"),
                rs.getLong("reserved_mib"), capacity, allocated, rs.getLong("free_mib"),
                rs.getLong("free_on_active_mib"), utilizationPercent(allocated, capacity));
    }

    static AlertView alert(ResultSet rs, int row) throws SQLException {
        return new AlertView(rs.getString("id"), rs.getString("host_id"), rs.getString("site_id"),
                enumOf(rs, "severity", AlertSeverity.class), rs.getString("state"), rs.getDouble("threshold_percent"),
                rs.getLong("raised_allocated_mib"), rs.getLong("raised_capacity_mib"),
                rs.getDouble("raised_utilization_percent"), instant(rs, "raised_at"), rs.getLong("raised_position"),
                nullableLong(rs, "cleared_allocated_mib"), nullableLong(rs, "cleared_capacity_mib"),
                nullableDouble(rs, "cleared_utilization_percent"), instant(rs, "cleared_at"),
                nullableLong(rs, "cleared_position"));
    }
}
