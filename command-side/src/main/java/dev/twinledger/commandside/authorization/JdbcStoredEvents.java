package dev.twinledger.commandside.authorization;

import dev.twinledger.commandside.eventstore.EventStoreSchema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link StoredEvents} over the event store's table with plain SQL, each read one query served by the unique
 * (aggregate id, sequence number) index. Payloads and metadata are deserialized with the serializer Axon stores events
 * with. No upcaster runs here: none exists for the events read (access directory, VM, host, volume, container and
 * campaign creation, completed migrations); one added for them must be applied here too.
 *
 * <p>Why not Axon's {@code EventStore.readEvents}: it does not give the global index, which the access fold records
 * as each event's position, and it would start from a snapshot if one were ever taken.
 */
public final class JdbcStoredEvents implements StoredEvents {

    private static final String COLUMNS = EventStoreSchema.GLOBAL_INDEX + ", sequence_number, "
            + EventStoreSchema.EVENT_IDENTIFIER + ", time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final String AFTER = "SELECT " + COLUMNS + " FROM " + EventStoreSchema.DOMAIN_EVENT_TABLE
            + " WHERE " + EventStoreSchema.AGGREGATE_IDENTIFIER + " = ? AND sequence_number > ?"
            + " ORDER BY sequence_number";
    private static final String FIRST = "SELECT payload_type, payload_revision, payload FROM "
            + EventStoreSchema.DOMAIN_EVENT_TABLE + " WHERE " + EventStoreSchema.AGGREGATE_IDENTIFIER
            + " = ? AND sequence_number = 0";
    private static final String LATEST = "SELECT payload_type, payload_revision, payload FROM "
            + EventStoreSchema.DOMAIN_EVENT_TABLE + " WHERE " + EventStoreSchema.AGGREGATE_IDENTIFIER
            + " = ? AND payload_type = ? ORDER BY sequence_number DESC LIMIT 1";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * @param jdbc       the event store's database
     * @param serializer the serializer events are stored with (Axon's event serializer)
     */
    public JdbcStoredEvents(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @Override
    public List<StoredEvent> after(String aggregateId, long afterSequence) {
        return jdbc.query(AFTER, (row, n) -> new StoredEvent(row.getLong(1), row.getLong(2), row.getString(3),
                DateTimeUtils.parseInstant(row.getString(4)), payload(row, 5), metadata(row.getBytes(8))),
                aggregateId, afterSequence);
    }

    @Override
    public Optional<Object> first(String aggregateId) {
        return jdbc.query(FIRST, (row, n) -> payload(row, 1), aggregateId).stream().findFirst();
    }

    @Override
    public <T> Optional<T> latest(String aggregateId, Class<T> type) {
        return jdbc.query(LATEST, (row, n) -> payload(row, 1), aggregateId, type.getName()).stream()
                .filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The payload from the three columns starting at {@code column}: type, revision, bytes. */
    private Object payload(ResultSet row, int column) throws SQLException {
        return serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(column + 2), byte[].class,
                row.getString(column), row.getString(column + 1)));
    }

    private MetaData metadata(byte[] bytes) {
        if (bytes == null) {
            return MetaData.emptyInstance();
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, MetaData.class.getName(),
                null));
    }
}
