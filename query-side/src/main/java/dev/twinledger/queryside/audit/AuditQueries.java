package dev.twinledger.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.auditformat.CanonicalJson;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.nullableLong;

/**
 * Reads {@code audit_log} and {@code audit_access_log}. Lists are keyset pages: one indexed range scan per page,
 * whatever the page's depth, and a page never shifts when new entries arrive.
 */
@Repository
public class AuditQueries {

    static final String ENTRY_COLUMNS = "global_position, event_id, event_type, event_name, aggregate_type, "
            + "aggregate_id, sequence_number, occurred_at, actor_subject, actor_username, handling_site, "
            + "correlation_id, causation_id, reason, ticket, payload, resource_ids, site_ids, chain_index, "
            + "content_digest, previous_hash, chain_hash";

    private final ReadModel readModel;

    public AuditQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** The entries {@code filter} selects, one keyset page of them by global position. */
    public AuditPage<AuditEntryView> entries(AuditFilter filter, AuditPaging paging) {
        Where where = filter.where().when(paging.after(), paging.afterCondition("global_position", "after"), "after");
        MapSqlParameterSource params = new MapSqlParameterSource(where.params().getValues())
                .addValue("limit", paging.limit() + 1);
        List<AuditEntryView> rows = readModel.list("SELECT " + ENTRY_COLUMNS + " FROM audit_log" + where.sql()
                + " ORDER BY " + paging.orderBy("global_position") + " LIMIT :limit", params, AuditQueries::entry);
        return AuditPage.of(rows, paging, AuditEntryView::position);
    }

    /** The entry at a global position. */
    public Optional<AuditEntryView> entry(long position) {
        return readModel.one("SELECT " + ENTRY_COLUMNS + " FROM audit_log WHERE global_position = :position",
                new MapSqlParameterSource("position", position), AuditQueries::entry);
    }

    /** Reads of the audit record, optionally one caller's (by subject or username), one keyset page by id. */
    public AuditPage<AccessLogEntryView> accessLog(String caller, AuditPaging paging) {
        Where where = new Where()
                .when(caller, "(caller_subject = :caller OR caller_username = :caller)", "caller")
                .when(paging.after(), paging.afterCondition("id", "after"), "after");
        MapSqlParameterSource params = new MapSqlParameterSource(where.params().getValues())
                .addValue("limit", paging.limit() + 1);
        List<AccessLogEntryView> rows = readModel.list("SELECT * FROM audit_access_log" + where.sql()
                + " ORDER BY " + paging.orderBy("id") + " LIMIT :limit", params, (rs, n) -> new AccessLogEntryView(
                rs.getLong("id"), instant(rs, "accessed_at"), new AuditEntryView.ActorView(
                rs.getString("caller_subject"), rs.getString("caller_username")), rs.getString("request"),
                rs.getString("outcome"), rs.getString("scope"), rs.getString("detail"),
                rs.getString("correlation_id")));
        return AuditPage.of(rows, paging, AccessLogEntryView::id);
    }

    static AuditEntryView entry(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("sequence_number");
        String chainHash = rs.getString("chain_hash");
        return new AuditEntryView(rs.getLong("global_position"), rs.getString("event_id"),
                rs.getString("event_name"), rs.getString("event_type"), rs.getString("aggregate_type"),
                rs.getString("aggregate_id"), sequence < 0 ? null : sequence, instant(rs, "occurred_at"),
                new AuditEntryView.ActorView(rs.getString("actor_subject"), rs.getString("actor_username")),
                rs.getString("handling_site"), rs.getString("correlation_id"), rs.getString("causation_id"),
                rs.getString("reason"), rs.getString("ticket"), payload(rs), strings(rs.getArray("resource_ids")),
                strings(rs.getArray("site_ids")), chainHash != null, nullableLong(rs, "chain_index"),
                rs.getString("content_digest"), rs.getString("previous_hash"), chainHash);
    }

    /** The payload with its numbers exactly as stored (no detour through double). */
    static JsonNode payload(ResultSet rs) throws SQLException {
        return CanonicalJson.parse(rs.getString("payload"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
