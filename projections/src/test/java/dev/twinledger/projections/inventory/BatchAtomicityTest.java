package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.projections.tracking.CommittedTokens;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A batch commits whole or not at all: read-model rows, applied positions and the token. */
class BatchAtomicityTest {

    @Test
    void aFailingEventRollsBackItsWholeBatchAndTheProcessorRetriesInsteadOfSkipping() throws Exception {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        // No environment: the handler fails on it. Published before the processor starts, both events land in
        // the processor's first batch.
        VmProvisioned broken = new VmProvisioned("vm-broken", "x", "dc1", "dc1-h1", "p", null, 1, 1, null);
        try (TestDatabase database = TestDatabase.createMigrated(BatchAtomicityTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource(), List.of(
                     event(new SiteRegistered("dc1", "Primary", Platform.OPENSTACK), 1, now),
                     event(broken, 2, now)))) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

            // The processor handles such a batch within milliseconds; had it skipped the failure (Axon's default
            // logging error handler), position 1 would be applied long before this window ends. The window spans
            // the first attempt and the first retry (back-off starts at 1 s).
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> !harness.progress().hasApplied(1));

            assertThat(harness.progress().hasApplied(1)).as("position of the good event in the failed batch").isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sites", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_applied_event", Long.class)).isZero();
            var committed = new CommittedTokens(database.dataSource(), JacksonSerializer.defaultSerializer())
                    .committedToken(InventoryProjection.PROCESSOR, 0);
            assertThat(committed).as("token must stay where it started, before the failed batch")
                    .isEqualTo(Optional.ofNullable(harness.axon().eventStore().createTailToken()));
        }
    }
}
