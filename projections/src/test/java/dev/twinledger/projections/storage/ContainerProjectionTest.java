package dev.twinledger.projections.storage;

import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Containers, their replica policy and the status per site, behind the real processor. */
class ContainerProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T12:00:00Z");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(ContainerProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aNewContainerHasAnUnreportedReplicaAtEverySiteOfItsPolicy() {
        long created = harness.publishAndAwait(
                new ContainerCreated("c-1", "tender-docs", "tenders", Set.of("dc2", "dc1")), T1);

        assertThat(jdbc.queryForMap("SELECT name, project, replica_site_ids::text AS sites, created_at, last_position "
                + "FROM containers WHERE id = 'c-1'"))
                .containsEntry("name", "tender-docs")
                .containsEntry("project", "tenders")
                .containsEntry("sites", "[\"dc1\", \"dc2\"]")
                .containsEntry("created_at", Timestamp.from(T1))
                .containsEntry("last_position", created);
        assertThat(replicas("c-1")).containsExactly(
                Map.entry("dc1", "UNKNOWN"), Map.entry("dc2", "UNKNOWN"));
        assertThat(jdbc.queryForList("SELECT reported_at FROM container_replicas WHERE container_id = 'c-1'",
                Timestamp.class)).containsOnlyNulls();
    }

    @Test
    void reportsSetTheStatusDetailAndWhenPerSite() {
        harness.publishAndAwait(new ContainerCreated("c-2", "logs", "tenders", Set.of("dc1", "dc2")), T1);

        harness.publishAndAwait(new ReplicaStatusReported("c-2", "dc1", ReplicaStatus.IN_SYNC,
                ReplicaStatus.UNKNOWN, null), T2);
        harness.publishAndAwait(new ReplicaStatusReported("c-2", "dc2", ReplicaStatus.LAGGING,
                ReplicaStatus.UNKNOWN, "1 240 objects behind"), T3);

        assertThat(replicas("c-2")).containsExactly(Map.entry("dc1", "IN_SYNC"), Map.entry("dc2", "LAGGING"));
        assertThat(jdbc.queryForMap("SELECT detail, reported_at FROM container_replicas "
                + "WHERE container_id = 'c-2' AND site_id = 'dc2'"))
                .containsEntry("detail", "1 240 objects behind")
                .containsEntry("reported_at", Timestamp.from(T3));
        assertThat(jdbc.queryForObject("SELECT reported_at FROM container_replicas "
                + "WHERE container_id = 'c-2' AND site_id = 'dc1'", Timestamp.class)).isEqualTo(Timestamp.from(T2));
    }

    @Test
    void aPolicyChangeKeepsStayingSitesDropsLeavingOnesAndAddsJoiningOnes() {
        harness.publishAndAwait(new ContainerCreated("c-3", "backups", "tenders", Set.of("dc1", "dc2")), T1);
        harness.publishAndAwait(new ReplicaStatusReported("c-3", "dc1", ReplicaStatus.IN_SYNC,
                ReplicaStatus.UNKNOWN, null), T1);
        harness.publishAndAwait(new ReplicaStatusReported("c-3", "dc2", ReplicaStatus.MISSING,
                ReplicaStatus.UNKNOWN, null), T1);

        harness.publishAndAwait(new ReplicaPolicyChanged("c-3", Set.of("dc1", "dc3"), Set.of("dc1", "dc2")), T2);

        assertThat(replicas("c-3")).containsExactly(Map.entry("dc1", "IN_SYNC"), Map.entry("dc3", "UNKNOWN"));
        assertThat(jdbc.queryForObject("SELECT replica_site_ids::text FROM containers WHERE id = 'c-3'", String.class))
                .isEqualTo("[\"dc1\", \"dc3\"]");
    }

    @Test
    void aStaleReportDoesNotOverwriteANewerOne() {
        harness.publishAndAwait(new ContainerCreated("c-4", "media", "tenders", Set.of("dc1")), T1);
        long stale = harness.nextPosition();
        harness.publishAndAwait(new ReplicaStatusReported("c-4", "dc1", ReplicaStatus.IN_SYNC,
                ReplicaStatus.LAGGING, null), T2);

        harness.publish(event(new ReplicaStatusReported("c-4", "dc1", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN,
                "old"), stale, T1));
        harness.await(stale);

        assertThat(replicas("c-4")).containsExactly(Map.entry("dc1", "IN_SYNC"));
    }

    private static List<Map.Entry<String, String>> replicas(String containerId) {
        return jdbc.query("SELECT site_id, status FROM container_replicas WHERE container_id = ? ORDER BY site_id",
                (rs, row) -> Map.entry(rs.getString("site_id"), rs.getString("status")), containerId);
    }
}
