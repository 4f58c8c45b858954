package dev.twinledger.projections.audit;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.ChainProblem;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import dev.twinledger.transport.PublicationWatermark;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log keeps every event, and its chain is sealed only below the watermarks, identically whatever order the
 * partitions deliver in, and verification names the position of any edit.
 */
class AuditChainTest {

    private static final KeyPair KEYS = SigningKeys.generateEd25519();
    private static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS.getPrivate(), KEYS.getPublic());
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123456Z");
    private static final Map<String, String> OPERATOR = Map.of(EventMetadata.ACTOR_SUBJECT, "sub-op",
            EventMetadata.ACTOR_USERNAME, "operator", EventMetadata.HANDLING_SITE, "dc1",
            EventMetadata.CORRELATION_ID, "corr-1", EventMetadata.TICKET, "CHG-7");

    /** A history over several streams: a VM provisioned, renamed, migrated across sites and decommissioned. */
    private static List<EventMessage<?>> history(ProjectionHarness harness, int vms) {
        List<EventMessage<?>> events = new ArrayList<>();
        long position = 100;
        Instant at = T0;
        events.add(harness.onStream("Site", "dc1", new SiteRegistered("dc1", "Site 1", Platform.OPENSTACK),
                position++, at, OPERATOR));
        events.add(harness.onStream("Site", "dc2", new SiteRegistered("dc2", "Site 2", Platform.VMWARE),
                position++, at, OPERATOR));
        events.add(harness.onStream("Host", "h1", new HostRegistered("h1", "dc1", "h1", 32, 262_144, 0, 1.0, false),
                position++, at, OPERATOR));
        events.add(harness.onStream("Host", "h2", new HostRegistered("h2", "dc2", "h2", 32, 262_144, 0, 1.0, false),
                position++, at, OPERATOR));
        for (int i = 0; i < vms; i++) {
            String vm = "vm-" + i;
            at = at.plusSeconds(1);
            // A gap every few positions, as rolled-back transactions leave them.
            position += i % 3 == 0 ? 2 : 1;
            events.add(harness.onStream("VirtualMachine", vm, new VmProvisioned(vm, "web-" + i, "dc1", "h1",
                    "tenders", Environment.PROD, 2, 2048, "os-" + i), position++, at, OPERATOR));
            events.add(harness.onStream("VirtualMachine", vm, new VmRenamed(vm, "app-" + i, "web-" + i), position++, at,
                    OPERATOR));
            events.add(harness.onStream("VirtualMachine", vm, new MigrationRequested("m-" + i, vm,
                    MigrationKind.SITE_TO_SITE, "dc1", "h1", Platform.OPENSTACK, "dc2", "h2", Platform.VMWARE, 2048,
                    null), position++, at, OPERATOR));
            events.add(harness.onStream("VirtualMachine", vm, new MigrationCompleted("m-" + i, vm,
                    MigrationKind.SITE_TO_SITE, "dc1", "h1", "dc2", "h2", "os-" + i, "vmw-" + i, null), position++,
                    at, OPERATOR));
            events.add(harness.onStream("VirtualMachine", vm, new VmDecommissioned(vm, "dc2", "h2"), position++, at,
                    OPERATOR));
        }
        events.add(ProjectionHarness.standalone(new AccessDenied("sub-viewer", "vm:migrate", "vm", "vm-0", "dc1",
                Environment.PROD, "tenders", "no-grant", "no grant gives vm:migrate", null, "POST /api/migrations"),
                position, at, Map.of(EventMetadata.ACTOR_SUBJECT, "sub-viewer")));
        return events;
    }

    private static EventMessage<?> watermark(int partition, int partitions, long publishedBelow) {
        return new GenericEventMessage<>(new GenericMessage<>(
                new PublicationWatermark(publishedBelow, partitions, partition, T0),
                MetaData.with(EnvelopeKafkaMessageConverter.PARTITION, partition)), () -> T0);
    }

    private static long positionOf(EventMessage<?> event) {
        return ((Number) event.getMetaData().get("globalPosition")).longValue();
    }

    private static AuditChainSealer sealer(DataSource dataSource, int batchSize, long checkpointEvery) {
        return new AuditChainSealer(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), SIGNER, batchSize,
                checkpointEvery, Duration.ofHours(1), Clock.systemUTC());
    }

    private static AuditChainVerifier verifier(DataSource dataSource, CheckpointSigner... trusted) {
        Map<String, java.security.PublicKey> keys = new LinkedHashMap<>();
        for (CheckpointSigner signer : trusted) {
            keys.put(signer.keyId(), signer.publicKey());
        }
        return new AuditChainVerifier(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), keys);
    }

    private static Map<Long, String> chainHashes(JdbcTemplate jdbc) {
        Map<Long, String> hashes = new LinkedHashMap<>();
        jdbc.query("SELECT global_position, chain_hash FROM audit_log ORDER BY global_position",
                rs -> {
                    hashes.put(rs.getLong(1), rs.getString(2));
                });
        return hashes;
    }

    private static void publishAll(ProjectionHarness harness, List<EventMessage<?>> events) {
        events.forEach(harness::publish);
        events.forEach(event -> harness.await(positionOf(event)));
    }

    @Test
    void every_event_is_kept_with_its_facts_and_filed_under_every_resource_and_site_it_names() {
        try (TestDatabase database = TestDatabase.createMigrated(AuditChainTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            List<EventMessage<?>> events = history(harness, 1);
            publishAll(harness, events);
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(events.size());
            Map<String, Object> migrated = jdbc.queryForMap("SELECT event_name, actor_username, handling_site,"
                    + " correlation_id, ticket, array_to_string(resource_ids, ',') AS resources,"
                    + " array_to_string(site_ids, ',') AS sites, payload->>'targetHostId' AS target"
                    + " FROM audit_log WHERE event_name = 'MigrationCompleted'");
            assertThat(migrated).containsEntry("actor_username", "operator").containsEntry("handling_site", "dc1")
                    .containsEntry("correlation_id", "corr-1").containsEntry("ticket", "CHG-7")
                    .containsEntry("target", "h2");
            assertThat(((String) migrated.get("resources")).split(","))
                    .contains("vm-0", "m-0", "h1", "h2", "dc1", "dc2");
            assertThat(((String) migrated.get("sites")).split(",")).containsExactlyInAnyOrder("dc1", "dc2");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE resource_ids @> ARRAY['vm-0']",
                    Long.class)).as("the VM's five events and the attempt denied on it").isEqualTo(6);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE chain_hash IS NOT NULL",
                    Long.class)).as("nothing is sealed before any watermark").isZero();
        }
    }

    @Test
    void the_chain_seals_only_below_the_lowest_watermark_once_every_partition_has_reported() {
        try (TestDatabase database = TestDatabase.createMigrated(AuditChainTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            List<EventMessage<?>> events = history(harness, 4);
            publishAll(harness, events);
            AuditChainSealer sealer = sealer(database.dataSource(), 5, 7);
            long below = positionOf(events.get(12));

            harness.publish(watermark(0, 2, positionOf(events.get(events.size() - 1)) + 1));
            EventMessage<?> marker = harness.onStream("Site", "dc3", new SiteRegistered("dc3", "x", Platform.VMWARE),
                    5_000, T0, Map.of());
            harness.publish(marker);
            harness.await(5_000);
            assertThat(sealer.horizon()).as("one partition of two has reported").isZero();
            assertThat(sealer.sealAvailable().sealed()).isZero();

            harness.publish(watermark(1, 2, below));
            harness.publish(watermark(0, 2, 3)); // an older marker changes nothing: watermarks only rise
            EventMessage<?> next = harness.onStream("Site", "dc4", new SiteRegistered("dc4", "x", Platform.VMWARE),
                    5_001, T0, Map.of());
            harness.publish(next);
            harness.await(5_001);
            assertThat(sealer.horizon()).isEqualTo(below);
            AuditChainSealer.SealResult result = sealer.sealAvailable();

            assertThat(result.sealed()).isEqualTo(12);
            assertThat(result.head()).isEqualTo(positionOf(events.get(11)));
            assertThat(result.checkpoints()).as("at the 7th record; the 12th waits for the interval").isEqualTo(1);
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT entries FROM audit_checkpoints", Long.class)).isEqualTo(7);
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            assertThat(jdbc.queryForObject("SELECT max(global_position) FROM audit_log WHERE chain_hash IS NOT NULL",
                    Long.class)).isLessThan(below);
            assertThat(jdbc.queryForObject("SELECT previous_hash FROM audit_log WHERE chain_index = 1",
                    String.class)).isEqualTo(AuditHashes.GENESIS);
            assertThat(verifier(database.dataSource(), SIGNER).verify(0, null).intact()).isTrue();
        }
    }

    @Test
    void rebuilding_from_scratch_in_another_arrival_order_gives_identical_hashes() {
        try (TestDatabase first = TestDatabase.createMigrated(AuditChainTest.class);
             TestDatabase rebuilt = TestDatabase.createMigrated(AuditChainTest.class);
             ProjectionHarness original = ProjectionHarness.start(first.dataSource())) {
            List<EventMessage<?>> events = history(original, 30);
            publishAll(original, events);
            sealer(first.dataSource(), 1000, 50).sealBelow(Long.MAX_VALUE);

            // Another interleaving of the streams, as other partitions would deliver them: each stream in order.
            long seed = new Random().nextLong();
            List<EventMessage<?>> shuffled = interleave(events, new Random(seed));
            try (ProjectionHarness again = ProjectionHarness.start(rebuilt.dataSource())) {
                publishAll(again, shuffled);
            }
            // Sealed in small batches, with other checkpoint timing.
            sealer(rebuilt.dataSource(), 7, 13).sealBelow(Long.MAX_VALUE);

            Map<Long, String> before = chainHashes(new JdbcTemplate(first.dataSource()));
            Map<Long, String> after = chainHashes(new JdbcTemplate(rebuilt.dataSource()));
            assertThat(before).as("seed %d", seed).hasSize(events.size()).doesNotContainValue(null);
            assertThat(after).as("seed %d", seed).isEqualTo(before);
            assertThat(verifier(rebuilt.dataSource(), SIGNER).verify(0, null).intact()).isTrue();
        }
    }

    @Test
    void verification_names_the_position_of_an_edited_record_and_of_a_forged_chain() {
        try (TestDatabase database = TestDatabase.createMigrated(AuditChainTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            List<EventMessage<?>> events = history(harness, 10);
            publishAll(harness, events);
            sealer(database.dataSource(), 1000, 20).sealBelow(Long.MAX_VALUE);
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            AuditChainVerifier verifier = verifier(database.dataSource(), SIGNER);
            ChainVerification intact = verifier.verify(0, null);
            assertThat(intact.intact()).isTrue();
            assertThat(intact.recordsChecked()).isEqualTo(events.size());
            assertThat(intact.checkpointsChecked()).as("at the 20th and 40th record").isEqualTo(2);
            assertThat(intact.unsignedRecords()).isEqualTo(events.size() - 40);
            long edited = positionOf(events.get(25));

            jdbc.update("UPDATE audit_log SET payload = jsonb_set(payload, '{memoryMib}', '1') "
                    + "WHERE global_position = ?", edited);
            ChainVerification broken = verifier.verify(0, null);

            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstProblem().position()).isEqualTo(edited);
            assertThat(broken.firstProblem().kind()).isEqualTo(ChainProblem.Kind.CONTENT_ALTERED);
            long laterCheckpoint = jdbc.queryForObject("SELECT max(global_position) FROM audit_checkpoints", Long.class);
            assertThat(verifier.verify(edited + 1, null).firstProblem().position())
                    .as("a range just after the edit starts from the checkpoint before it, so walks through it")
                    .isEqualTo(edited);
            assertThat(verifier.verify(laterCheckpoint + 1, null).intact())
                    .as("a range after the next checkpoint starts from that signed checkpoint and holds").isTrue();

            // The attacker also recomputes the digest and every hash from there on: the next checkpoint catches it.
            recomputeChainFrom(jdbc, edited);
            ChainVerification forged = verifier.verify(0, null);
            long nextCheckpoint = jdbc.queryForObject(
                    "SELECT min(global_position) FROM audit_checkpoints WHERE global_position >= ?", Long.class, edited);
            assertThat(forged.firstProblem().position()).isEqualTo(nextCheckpoint);
            assertThat(forged.firstProblem().kind()).isEqualTo(ChainProblem.Kind.CHECKPOINT_MISMATCH);

            KeyPair other = SigningKeys.generateEd25519();
            CheckpointSigner stranger = new CheckpointSigner(other.getPrivate(), other.getPublic());
            assertThat(verifier(database.dataSource(), stranger).verify(0, null).firstProblem().kind())
                    .isEqualTo(ChainProblem.Kind.CHECKPOINT_KEY_UNTRUSTED);
        }
    }

    private static void recomputeChainFrom(JdbcTemplate jdbc, long position) {
        String previous = jdbc.queryForObject("SELECT previous_hash FROM audit_log WHERE global_position = ?",
                String.class, position);
        List<dev.twinledger.auditformat.AuditRecord> records = jdbc.query("SELECT " + AuditRows.RECORD_COLUMNS
                + " FROM audit_log WHERE global_position >= ? ORDER BY global_position",
                (rs, n) -> AuditRows.record(rs), position);
        for (var record : records) {
            String digest = record.contentDigest();
            String hash = AuditHashes.chainHash(previous, digest);
            jdbc.update("UPDATE audit_log SET content_digest = ?, previous_hash = ?, chain_hash = ?"
                    + " WHERE global_position = ?", digest, previous, hash, record.position());
            previous = hash;
        }
    }

    /** A random interleaving that keeps each stream's own order, as Kafka keeps each partition's. */
    private static List<EventMessage<?>> interleave(List<EventMessage<?>> events, Random random) {
        Map<String, List<EventMessage<?>>> streams = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            String stream = event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : event.getIdentifier();
            streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(event);
        }
        List<List<EventMessage<?>>> queues = new ArrayList<>(streams.values());
        List<EventMessage<?>> out = new ArrayList<>();
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            out.add(queues.get(pick).remove(0));
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        Collections.shuffle(new ArrayList<>(out), random);
        return out;
    }
}
