package dev.twinledger.queryside.campaign;

import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
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
import java.util.Optional;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.object;
import static dev.twinledger.queryside.readmodel.Rows.objects;
import static dev.twinledger.queryside.readmodel.Rows.stringList;

/** Reads {@code campaigns} and {@code campaign_migration_failures}. */
@Repository
public class CampaignQueries {

    private final ReadModel readModel;

    public CampaignQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** Campaigns, optionally of one site and in one state, ordered by id. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<CampaignView> findCampaigns(String siteId, CampaignState state, int page, int size) {
        Where where = new Where().equal("site_id", "siteId", siteId).equal("state", "state", state);
        return readModel.page("*", "campaigns", "campaigns", where, "id", page, size,
                (rs, row) -> campaign(rs));
    }

    /** The campaign with this id in full, if the read model has it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<CampaignDetailView> findCampaign(String id) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id);
        return readModel.one("SELECT * FROM campaigns WHERE id = :id", params, (rs, row) -> new CampaignDetailView(
                campaign(rs), stringList(rs, "host_ids"), stringList(rs, "temporary_host_ids"),
                rs.getInt("max_attempts"), rs.getLong("migration_timeout_seconds"),
                objects(rs, "host_phases", HostPhaseView.class), failures(id),
                object(rs, "report", CampaignReport.class)));
    }

    private List<CampaignFailureView> failures(String campaignId) {
        return readModel.list("SELECT * FROM campaign_migration_failures WHERE campaign_id = :id ORDER BY position",
                new MapSqlParameterSource("id", campaignId), (rs, row) -> new CampaignFailureView(
                        rs.getString("migration_id"), rs.getString("vm_id"), rs.getString("host_id"),
                        rs.getString("from_host_id"), rs.getString("to_host_id"), rs.getInt("attempt"),
                        rs.getString("reason"), rs.getString("retry_migration_id"), instant(rs, "failed_at")));
    }

    private static CampaignView campaign(ResultSet rs) throws SQLException {
        List<HostPhaseView> phases = objects(rs, "host_phases", HostPhaseView.class);
        CampaignProgressView progress = new CampaignProgressView(phases.size(),
                count(phases, CampaignPhase.DONE), count(phases, CampaignPhase.SKIPPED),
                rs.getInt("migrations_requested"), rs.getInt("migrations_succeeded"), rs.getInt("migrations_failed"),
                rs.getInt("migrations_retried"), rs.getInt("migrations_pending"));
        return new CampaignView(rs.getString("id"), rs.getString("name"), rs.getString("site_id"),
                rs.getString("target_version"), enumOf(rs, "state", CampaignState.class),
                rs.getString("current_host_id"), progress, instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "paused_at"), rs.getString("pause_reason"), instant(rs, "completed_at"),
                instant(rs, "updated_at"));
    }

    private static int count(List<HostPhaseView> phases, CampaignPhase phase) {
        return (int) phases.stream().filter(p -> p.phase() == phase).count();
    }
}
