package dev.twinledger.queryside.asof;

import dev.twinledger.queryside.readmodel.ReadModel;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.tree;

/**
 * A resource's inventory version valid at an instant, from {@code inventory_versions}: the version with
 * {@code valid_from <= T < coalesce(valid_to, infinity)}, which is the state its stream's events stamped at or before
 * T fold to. The point-in-time inventory answers with it, and access checks judge a resource where this says it
 * stood at {@code asOf}.
 */
@Repository
public class InventoryVersions {

    /** The columns {@link #snapshot} reads, on a table aliased {@code v}. */
    public static final String COLUMNS = "v.resource_id, v.resource_type, v.sequence_number, v.valid_from, "
            + "v.valid_to, v.from_position, v.event_id, v.event_type, v.attributes";

    private final ReadModel readModel;

    public InventoryVersions(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** The resource's version valid at {@code at}; empty when it had no version yet then (or never). */
    public Optional<SnapshotView> at(String id, Instant at) {
        // The last version starting at or before T: one backward descent of (resource_id, valid_from, sequence).
        return readModel.one("SELECT " + COLUMNS + " FROM inventory_versions v"
                        + " WHERE v.resource_id = :id AND v.valid_from <= :at"
                        + " ORDER BY v.valid_from DESC, v.sequence_number DESC LIMIT 1",
                new MapSqlParameterSource("id", id).addValue("at", at.atOffset(ZoneOffset.UTC)),
                InventoryVersions::snapshot);
    }

    /** The resource's first version (its creation), to tell "did not exist yet" from "unknown". */
    public Optional<SnapshotView> first(String id) {
        return readModel.one("SELECT " + COLUMNS + " FROM inventory_versions v WHERE v.resource_id = :id"
                        + " ORDER BY v.sequence_number LIMIT 1", new MapSqlParameterSource("id", id),
                InventoryVersions::snapshot);
    }

    /** A row of {@link #COLUMNS} as a view. */
    public static SnapshotView snapshot(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("event_type");
        return new SnapshotView(rs.getString("resource_id"), rs.getString("resource_type"),
                instant(rs, "valid_from"), instant(rs, "valid_to"), rs.getLong("from_position"),
                rs.getLong("sequence_number"), rs.getString("event_id"), type.substring(type.lastIndexOf('.') + 1),
                type, tree(rs, "attributes"));
    }
}
