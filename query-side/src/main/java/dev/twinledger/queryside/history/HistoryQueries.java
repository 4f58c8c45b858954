package dev.twinledger.queryside.history;

import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;

import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.nullableLong;
import static dev.twinledger.queryside.readmodel.Rows.tree;

/** Reads {@code resource_history}. */
@Repository
public class HistoryQueries {

    private final ReadModel readModel;

    public HistoryQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** The events on the resource's stream, oldest first (by global position), one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<HistoryEntryView> history(String resourceId, int page, int size) {
        Where where = new Where().equal("resource_id", "resourceId", resourceId);
        return readModel.page("*", "resource_history", "resource_history", where, "global_position", page, size,
                HistoryQueries::entry);
    }

    private static HistoryEntryView entry(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("event_type");
        return new HistoryEntryView(rs.getLong("global_position"), rs.getString("resource_id"),
                rs.getString("resource_type"), nullableLong(rs, "sequence_number"),
                type.substring(type.lastIndexOf('.') + 1), type, rs.getString("event_id"), instant(rs, "occurred_at"),
                rs.getString("actor_subject"), rs.getString("actor_username"), rs.getString("handling_site"),
                rs.getString("correlation_id"), rs.getString("causation_id"), rs.getString("reason"),
                rs.getString("ticket"), tree(rs, "payload"));
    }
}
