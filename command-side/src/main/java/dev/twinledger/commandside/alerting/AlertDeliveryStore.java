package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The alert outbox, table {@code alert_delivery} (Flyway {@code V3__alert_deliveries.sql}). Every time comparison
 * uses the database clock, so command sides at two sites with skewed clocks agree on what is due.
 *
 * <p>Writes join the caller's Spring transaction when there is one: the routing handler's inserts commit with the
 * alert-routing processor's token.
 */
public class AlertDeliveryStore {

    private static final String INSERT = """
            INSERT INTO alert_delivery (id, alert_event_id, channel, subscriber, alert_id, event_type, transition,
                                        severity, support_level, host_id, site_id, global_position, payload, state,
                                        next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', now())
            ON CONFLICT (alert_event_id, channel, subscriber) DO NOTHING""";

    /*
     * Due rows, oldest first, that no other dispatcher holds (SKIP LOCKED; the claim then pushes next_attempt_at past
     * the lease, so a released lock does not hand the row to anyone else until the lease lapses). A row waits while an
     * earlier transition of the same host for the same subscriber is still pending, so receivers get a host's
     * transitions in order.
     */
    private static final String CLAIM = """
            UPDATE alert_delivery d
               SET attempts = d.attempts + 1, last_attempt_at = now(), claim_token = ?, claimed_by = ?,
                   next_attempt_at = now() + ? * interval '1 millisecond'
             WHERE d.id IN (
                   SELECT c.id FROM alert_delivery c
                    WHERE c.state = 'PENDING' AND c.next_attempt_at <= now()
                      AND NOT EXISTS (SELECT 1 FROM alert_delivery e
                                       WHERE e.state = 'PENDING' AND e.channel = c.channel
                                         AND e.subscriber = c.subscriber AND e.host_id = c.host_id
                                         AND e.global_position < c.global_position)
                    ORDER BY c.next_attempt_at, c.global_position
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.channel, d.subscriber, d.event_type, d.host_id, d.payload, d.attempts,
                      d.global_position""";

    private static final String DELIVERED = """
            UPDATE alert_delivery
               SET state = 'DELIVERED', delivered_at = now(), next_attempt_at = NULL, last_status = ?,
                   last_error = NULL, claim_token = NULL
             WHERE id = ? AND claim_token = ? AND state = 'PENDING'""";

    private static final String RETRY = """
            UPDATE alert_delivery
               SET next_attempt_at = now() + ? * interval '1 millisecond', last_status = ?, last_error = ?,
                   claim_token = NULL
             WHERE id = ? AND claim_token = ? AND state = 'PENDING'""";

    private static final String DEAD = """
            UPDATE alert_delivery
               SET state = 'DEAD', next_attempt_at = NULL, last_status = ?, last_error = ?, claim_token = NULL
             WHERE id = ? AND claim_token = ? AND state = 'PENDING'""";

    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE state = 'PENDING') AS pending, count(*) FILTER (WHERE state = 'DEAD') AS dead
              FROM alert_delivery WHERE state IN ('PENDING', 'DEAD')""";

    private static final String VIEW_COLUMNS = """
            id, channel, subscriber, state, attempts, last_status, last_error, last_attempt_at, next_attempt_at,
            delivered_at, created_at, alert_id, alert_event_id, transition, severity, support_level, host_id, site_id,
            global_position""";

    private final JdbcTemplate jdbc;

    public AlertDeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds one PENDING row per target, due now, unless the row for that (event, target) exists already.
     *
     * @return how many rows were new
     */
    public int add(AlertNotification alert, String payload, List<DeliveryTarget> targets) {
        int added = 0;
        for (DeliveryTarget target : targets) {
            added += jdbc.update(INSERT, target.deliveryIdFor(alert.eventId()), alert.eventId(),
                    target.channel().name(), target.subscriber(), alert.alertId(),
                    alert.transition().eventType(), alert.transition().name(), alert.severity().name(),
                    alert.level().name(), alert.hostId(), alert.siteId(), alert.globalPosition(), payload);
        }
        return added;
    }

    /**
     * Claims up to {@code limit} due rows for one attempt each, counting the attempt now.
     *
     * @param lease how long the rows stay claimed if no outcome is recorded (a crash); then they are due again
     * @param owner who claims, recorded for people reading the table
     * @return the claimed rows, oldest event first
     */
    public List<ClaimedDelivery> claim(int limit, Duration lease, String owner) {
        UUID token = UUID.randomUUID();
        List<Claimed> claimed = jdbc.query(CLAIM, (rs, row) -> new Claimed(new ClaimedDelivery(
                        rs.getObject("id", UUID.class), token, DeliveryChannel.valueOf(rs.getString("channel")),
                        rs.getString("subscriber"), rs.getString("event_type"), rs.getString("host_id"),
                        rs.getString("payload"), rs.getInt("attempts")), rs.getLong("global_position")),
                token, owner, lease.toMillis(), limit);
        return claimed.stream().sorted(Comparator.comparingLong(Claimed::position)).map(Claimed::delivery).toList();
    }

    /** Records a successful attempt; false when the claim was lost meanwhile (nothing is changed then). */
    public boolean markDelivered(ClaimedDelivery delivery, Integer status) {
        return jdbc.update(DELIVERED, status, delivery.id(), delivery.claimToken()) == 1;
    }

    /** Records a failed attempt; the row is due again after {@code wait}. False when the claim was lost. */
    public boolean markRetry(ClaimedDelivery delivery, DeliveryOutcome outcome, Duration wait) {
        return jdbc.update(RETRY, wait.toMillis(), outcome.status(), outcome.error(), delivery.id(),
                delivery.claimToken()) == 1;
    }

    /** Records the last allowed attempt as failed: the row is DEAD. False when the claim was lost. */
    public boolean markDead(ClaimedDelivery delivery, DeliveryOutcome outcome) {
        return jdbc.update(DEAD, outcome.status(), outcome.error(), delivery.id(), delivery.claimToken()) == 1;
    }

    /** Pending and dead rows right now. */
    public DeliveryCounts counts() {
        return jdbc.queryForObject(COUNTS, (rs, row) -> new DeliveryCounts(rs.getLong("pending"),
                rs.getLong("dead")));
    }

    /** One page of rows matching {@code filter}, newest first. */
    public DeliveryPage find(DeliveryFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> arguments = new ArrayList<>();
        if (filter.state() != null) {
            where.append(" AND state = ?");
            arguments.add(filter.state().name());
        }
        if (filter.subscriber() != null) {
            where.append(" AND subscriber = ?");
            arguments.add(filter.subscriber());
        }
        if (filter.channel() != null) {
            where.append(" AND channel = ?");
            arguments.add(filter.channel().name());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM alert_delivery" + where, Long.class,
                arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(filter.size());
        paged.add((long) filter.page() * filter.size());
        List<AlertDeliveryView> items = jdbc.query("SELECT " + VIEW_COLUMNS + " FROM alert_delivery" + where
                + " ORDER BY created_at DESC, global_position DESC, id LIMIT ? OFFSET ?", VIEW, paged.toArray());
        return DeliveryPage.of(items, filter.page(), filter.size(), total == null ? 0 : total);
    }

    private static final RowMapper<AlertDeliveryView> VIEW = (rs, row) -> new AlertDeliveryView(
            rs.getObject("id", UUID.class),
            DeliveryChannel.valueOf(rs.getString("channel")),
            rs.getString("subscriber"),
            DeliveryState.valueOf(rs.getString("state")),
            rs.getInt("attempts"),
            (Integer) rs.getObject("last_status"),
            rs.getString("last_error"),
            instant(rs, "last_attempt_at"),
            instant(rs, "next_attempt_at"),
            instant(rs, "delivered_at"),
            instant(rs, "created_at"),
            rs.getString("alert_id"),
            rs.getString("alert_event_id"),
            AlertTransition.valueOf(rs.getString("transition")),
            AlertSeverity.valueOf(rs.getString("severity")),
            SupportLevel.valueOf(rs.getString("support_level")),
            rs.getString("host_id"),
            rs.getString("site_id"),
            rs.getLong("global_position"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Claimed(ClaimedDelivery delivery, long position) {
    }
}
