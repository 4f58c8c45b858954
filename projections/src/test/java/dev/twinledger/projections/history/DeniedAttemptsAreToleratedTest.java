package dev.twinledger.projections.history;

import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side stores each denied attempt as an {@link AccessDenied} event of its own, which reaches the topic
 * without an aggregate. The read model's processor applies its position (so a {@code minPosition} wait for it ends)
 * and no resource's history gains a row for it.
 */
class DeniedAttemptsAreToleratedTest {

    private static TestDatabase database;
    private static ProjectionHarness harness;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(DeniedAttemptsAreToleratedTest.class);
        harness = ProjectionHarness.start(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aDenialWithoutAggregateIsAppliedAndLeavesNoResourceHistory() {
        long position = harness.nextPosition();
        harness.publish(ProjectionHarness.event(new AccessDenied("mallory", "vm:provision", "vm", "vm-1", "dc2",
                Environment.PROD, "eproc", "permission", "missing vm:provision", null, "POST /api/vms"), position,
                Instant.parse("2026-03-01T10:00:00Z")));

        harness.await(position);

        assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT count(*) FROM resource_history", Integer.class)).isZero();
    }
}
