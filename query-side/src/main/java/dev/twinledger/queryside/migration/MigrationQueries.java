package dev.twinledger.queryside.migration;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;

/** Reads the table {@code migrations}. Lists are in request order (global position), then VM id. */
@Repository
public class MigrationQueries {

    private static final String COLUMNS = "id, vm_id, kind, state, source_site_id, source_host_id, source_platform, "
            + "target_site_id, target_host_id, target_platform, memory_mib, previous_platform_id, platform_id, "
            + "campaign_id, reason, requested_at, started_at, finished_at, requested_position";

    private final ReadModel readModel;

    public MigrationQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** Migrations matching every given filter, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<MigrationView> find(MigrationFilter filter) {
        Where where = new Where()
                .equal("vm_id", "vmId", filter.vmId())
                .equal("state", "state", filter.state())
                .equal("campaign_id", "campaignId", filter.campaignId())
                .equal("kind", "kind", filter.kind());
        String direction = filter.newestFirst() ? " DESC" : " ASC";
        return readModel.page(COLUMNS, "migrations", "migrations", where,
                "requested_position" + direction + ", vm_id ASC", filter.page(), filter.size(),
                MigrationQueries::migration);
    }

    /**
     * Migrations with this id, one per VM that used it (a migration id is unique among one VM's migrations only);
     * with {@code vmId} only that VM's.
     */
    @Transactional(readOnly = true)
    public List<MigrationView> withId(String id, String vmId) {
        Where where = new Where().equal("id", "id", id).equal("vm_id", "vmId", vmId);
        return readModel.list("SELECT " + COLUMNS + " FROM migrations" + where.sql() + " ORDER BY vm_id",
                where.params(), MigrationQueries::migration);
    }

    /** Every migration of a VM, oldest first. */
    @Transactional(readOnly = true)
    public List<MigrationView> ofVm(String vmId) {
        return readModel.list("SELECT " + COLUMNS + " FROM migrations WHERE vm_id = :vmId ORDER BY requested_position",
                new MapSqlParameterSource("vmId", vmId), MigrationQueries::migration);
    }

    private static MigrationView migration(ResultSet rs, int row) throws SQLException {
        return new MigrationView(rs.getString("id"), rs.getString("vm_id"), enumOf(rs, "kind", MigrationKind.class),
                enumOf(rs, "state", MigrationState.class), rs.getString("source_site_id"),
                rs.getString("source_host_id"), enumOf(rs, "source_platform", Platform.class),
                rs.getString("target_site_id"), rs.getString("target_host_id"),
                enumOf(rs, "target_platform", Platform.class), rs.getLong("memory_mib"),
                rs.getString("previous_platform_id"), rs.getString("platform_id"), rs.getString("campaign_id"),
                rs.getString("reason"), instant(rs, "requested_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getLong("requested_position"));
    }
}
