package dev.twinledger.projections;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that share one processor batch are applied as if one at a time, although the batch checks its positions in
 * one query, keeps a stream's latest version in memory and writes versions, applied positions and row updates when
 * it is about to commit: one stream's versions chain, its row takes its updates in order, a position delivered twice
 * within the batch is applied once, and the next batch closes the version the previous one left open.
 */
class OneBatchTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aStreamsEventsInOneBatchAreAppliedInOrderAndOnce() {
        List<EventMessage<?>> batch = new ArrayList<>();
        batch.add(onStream("dc1", 0, new SiteRegistered("dc1", "Primary", Platform.OPENSTACK), 1001, "e1"));
        batch.add(onStream("vm-a", 0, new VmProvisioned("vm-a", "a", "dc1", "dc1-h1", "p", Environment.PROD, 2,
                4_096, "os-1"), 1002, "e2"));
        batch.add(onStream("vm-a", 1, new VmRenamed("vm-a", "b", "a"), 1003, "e3"));
        batch.add(onStream("vm-a", 2, new VmStopped("vm-a", "dc1", "dc1-h1"), 1004, "e4"));
        // Delivered a second time within the same poll: must change nothing.
        batch.add(onStream("vm-a", 1, new VmRenamed("vm-a", "b", "a"), 1003, "e3"));
        batch.add(onStream("vm-a", 3, new VmRenamed("vm-a", "c", "b"), 1005, "e5"));
        try (TestDatabase database = TestDatabase.createMigrated(OneBatchTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource(), batch)) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            harness.await(1005);

            assertThat(jdbc.queryForMap("SELECT name, state, last_position FROM vms WHERE id = 'vm-a'"))
                    .containsEntry("name", "c").containsEntry("state", "SHUTOFF").containsEntry("last_position", 1005L);
            assertThat(jdbc.queryForList("SELECT global_position FROM projection_applied_event ORDER BY 1", Long.class))
                    .containsExactly(1001L, 1002L, 1003L, 1004L, 1005L);
            assertThat(harness.progress().skippedDuplicates()).isEqualTo(1);
            assertThat(versions(jdbc)).containsExactly(
                    List.of(0L, at(1002), at(1003), "a"),
                    List.of(1L, at(1003), at(1004), "b"),
                    List.of(2L, at(1004), at(1005), "b"),
                    List.of(3L, at(1005), "open", "c"));

            // The next batch finds the open version in the database and closes it there.
            harness.publish(onStream("vm-a", 4, new VmRenamed("vm-a", "d", "c"), 1006, "e6"));
            harness.await(1006);
            assertThat(versions(jdbc)).endsWith(
                    List.of(3L, at(1005), at(1006), "c"),
                    List.of(4L, at(1006), "open", "d"));
            assertThat(jdbc.queryForObject("SELECT name FROM vms WHERE id = 'vm-a'", String.class)).isEqualTo("d");
        }
    }

    private static List<List<Object>> versions(JdbcTemplate jdbc) {
        return jdbc.query("""
                SELECT sequence_number, valid_from, valid_to, attributes ->> 'name' AS name FROM inventory_versions
                 WHERE resource_id = 'vm-a' ORDER BY sequence_number""",
                (rs, row) -> List.of(rs.getLong("sequence_number"), rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_to") == null ? "open" : rs.getTimestamp("valid_to").toInstant(),
                        rs.getString("name")));
    }

    private static Instant at(long position) {
        return T0.plusSeconds(position);
    }

    private static EventMessage<?> onStream(String stream, long sequence, Object payload, long position,
                                            String eventId) {
        return new GenericDomainEventMessage<>("Aggregate", stream, sequence,
                new GenericMessage<>(eventId, payload, MetaData.with(EventEnvelope.GLOBAL_POSITION, position)),
                () -> at(position));
    }
}
