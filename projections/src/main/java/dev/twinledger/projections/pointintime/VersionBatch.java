package dev.twinledger.projections.pointintime;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * The {@code inventory_versions} work of one processor batch: the latest version of every stream the batch touches
 * (read once, then kept in memory as the batch adds versions), and the rows to write, which go to the database as
 * JDBC batches when the batch is about to commit.
 *
 * <p>A version added after another one of the same stream in this batch gets its predecessor's {@code valid_to} set
 * before either is written; only a predecessor already in the database needs an UPDATE. Nothing in the processor
 * reads {@code inventory_versions} except {@link InventoryVersionProjection} through this class, so rows not yet
 * written are never missed.
 */
final class VersionBatch {

    /** The latest version of a stream; {@code pending} is its row when this batch has not written it yet. */
    record Latest(long sequence, Instant validFrom, ResourceSnapshot snapshot, PendingVersion pending) {
    }

    /** A version row to insert; {@code validTo} is set when a later version of its stream follows in the batch. */
    static final class PendingVersion {
        private final Object[] columns;
        private final List<String> replicaSiteIds;
        private Instant validTo;

        private PendingVersion(Object[] columns, List<String> replicaSiteIds) {
            this.columns = columns;
            this.replicaSiteIds = replicaSiteIds;
        }
    }

    private record Close(String resourceId, long sequence, Instant validTo, boolean container) {
    }

    private final JdbcTemplate jdbc;
    /** Per resource id: its latest version, or null when it has none; absent when not read yet. */
    private final Map<String, Latest> latest = new HashMap<>();
    private final List<PendingVersion> inserts = new ArrayList<>();
    private final List<Close> closes = new ArrayList<>();

    VersionBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the latest stored version of each of {@code resourceIds} in one query (one index descent each). */
    void prefetch(Collection<String> resourceIds) {
        List<String> unknown = resourceIds.stream().filter(id -> !latest.containsKey(id)).distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(id -> latest.put(id, null));
        jdbc.query("""
                SELECT v.resource_id, v.sequence_number, v.resource_type, v.valid_from, v.attributes
                  FROM unnest(?::text[]) AS r(id)
                 CROSS JOIN LATERAL (SELECT resource_id, sequence_number, resource_type, valid_from, attributes
                                       FROM inventory_versions
                                      WHERE resource_id = r.id COLLATE "C"
                                      ORDER BY sequence_number DESC LIMIT 1) v""",
                rs -> {
                    latest.put(rs.getString("resource_id"), new Latest(rs.getLong("sequence_number"),
                            rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
                            SnapshotJson.read(rs.getString("resource_type"), rs.getString("attributes")), null));
                },
                (Object) unknown.toArray(String[]::new));
    }

    /** The latest version of {@code resourceId}, stored or added in this batch; null when it has none. */
    Latest latest(String resourceId) {
        if (!latest.containsKey(resourceId)) {
            prefetch(List.of(resourceId));
        }
        return latest.get(resourceId);
    }

    /**
     * Adds the version {@code sequence} of {@code resourceId}, following {@code previous} (the stream's latest, or
     * null), which it ends at {@code validFrom}.
     */
    void add(String resourceId, long sequence, ResourceSnapshot state, Instant validFrom, long position,
             String eventId, String eventType, Latest previous) {
        ResourceSnapshot.FilterColumns columns = state.filterColumns();
        PendingVersion row = new PendingVersion(new Object[]{resourceId, sequence, state.resourceType(),
                utc(validFrom), position, eventId, eventType, columns.siteId(), columns.project(),
                columns.environment(), columns.state(), columns.hostId(), json(state)}, columns.replicaSiteIds());
        if (previous != null) {
            if (previous.pending() != null) {
                previous.pending().validTo = validFrom;
            } else {
                closes.add(new Close(resourceId, previous.sequence(), validFrom,
                        previous.snapshot() instanceof ContainerSnapshot));
            }
        }
        inserts.add(row);
        latest.put(resourceId, new Latest(sequence, validFrom, state, row));
    }

    /** Writes the added versions and the closes of stored ones: at most four JDBC batches. */
    void flush() {
        if (!inserts.isEmpty()) {
            List<Object[]> versionRows = new ArrayList<>(inserts.size());
            List<Object[]> siteRows = new ArrayList<>();
            for (PendingVersion row : inserts) {
                Object[] values = row.columns;
                Object validTo = row.validTo == null ? null : utc(row.validTo);
                versionRows.add(new Object[]{values[0], values[1], values[2], values[3], validTo, values[4],
                        values[5], values[6], values[7], values[8], values[9], values[10], values[11], values[12]});
                for (String site : row.replicaSiteIds) {
                    siteRows.add(new Object[]{values[0], values[1], site, values[3], validTo});
                }
            }
            jdbc.batchUpdate("""
                    INSERT INTO inventory_versions (resource_id, sequence_number, resource_type, valid_from, valid_to,
                                                    from_position, event_id, event_type, site_id, project,
                                                    environment, state, host_id, attributes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (resource_id, sequence_number) DO NOTHING""", versionRows);
            if (!siteRows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO container_version_sites (container_id, sequence_number, site_id, valid_from,
                                                             valid_to)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (container_id, sequence_number, site_id) DO NOTHING""", siteRows);
            }
            inserts.clear();
        }
        if (!closes.isEmpty()) {
            jdbc.batchUpdate("UPDATE inventory_versions SET valid_to = ? WHERE resource_id = ? AND sequence_number = ?",
                    closes.stream().map(c -> new Object[]{utc(c.validTo()), c.resourceId(), c.sequence()}).toList());
            List<Object[]> containerCloses = closes.stream().filter(Close::container)
                    .map(c -> new Object[]{utc(c.validTo()), c.resourceId(), c.sequence()}).toList();
            if (!containerCloses.isEmpty()) {
                jdbc.batchUpdate("UPDATE container_version_sites SET valid_to = ? WHERE container_id = ? "
                        + "AND sequence_number = ?", containerCloses);
            }
            closes.clear();
        }
        // Written rows are the stored latest versions now: a later add must close them with an UPDATE.
        latest.replaceAll((id, version) -> version == null || version.pending() == null ? version
                : new Latest(version.sequence(), version.validFrom(), version.snapshot(), null));
    }
}
