package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.auditformat.cli.VerifyExport;
import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportLine;
import dev.twinledger.auditformat.export.ExportReader;
import dev.twinledger.auditformat.export.ExportVerdict;
import dev.twinledger.auditformat.export.ExportVerifier;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports streamed from a real PostgreSQL holding a generated, genuinely sealed chain of 3,000 rows (a checkpoint
 * every 250, 20 unsealed at the end), verified with the offline verifier's own logic: whole, filtered by a resource
 * (anchored at a checkpoint, the other rows as links), empty, only unsealed, and after an attacker edited one row.
 */
class AuditExportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int SEALED = 3_000;
    private static final int UNSEALED = 20;
    private static final int CHECKPOINT_EVERY = 250;
    private static final String[] TYPES = {"dev.twinledger.api.inventory.VmProvisioned",
            "dev.twinledger.api.migration.MigrationCompleted", "dev.twinledger.api.inventory.VmResized",
            "dev.twinledger.api.access.GrantRevoked"};

    private static TestDatabase database;
    private static AuditExport export;
    private static JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void sealAChain() {
        database = TestDatabase.createMigrated(AuditExportTest.class);
        jdbc = new JdbcTemplate(database.dataSource());
        export = new AuditExport(database.dataSource(), new DataSourceTransactionManager(database.dataSource()));
        AuditLogFixture log = new AuditLogFixture(database.dataSource());
        for (int i = 0; i < SEALED + UNSEALED; i++) {
            AuditRecord record = row(i);
            List<String> resources = List.of(record.aggregateId(), "host-" + (i % 5));
            List<String> sites = List.of(record.handlingSite());
            if (i < SEALED) {
                log.sealed(record, resources, sites);
            } else {
                log.unsealed(record, resources, sites);
            }
            if ((i + 1) % CHECKPOINT_EVERY == 0 && i < SEALED) {
                log.flush().checkpoint(T0.plusSeconds(i));
            }
        }
        log.flush();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Row i at position 3i + 1: VMs vm-0 to vm-39 in turn, two sites, four event types, awkward values. */
    private static AuditRecord row(int i) {
        return AuditLogFixture.record(3L * i + 1, TYPES[i % TYPES.length], "VirtualMachine", "vm-" + (i % 40),
                i / 40, T0.plusMillis(1_234L * i), i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "dc1" : "dc2",
                "corr-" + (i / 3), "{\"vmId\":\"vm-" + (i % 40) + "\",\"memoryMib\":" + (1024 + i)
                        + ",\"ratio\":1.50,\"note\":\"a, \\\"quoted\\\"\\nline\"}");
    }

    private static byte[] exportOf(AuditFilter filter, ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(filter, filter.given(), format, out, T0);
        return out.toByteArray();
    }

    private static ExportVerdict verify(byte[] bytes) throws IOException {
        ExportVerifier verifier = new ExportVerifier(List.of(AuditLogFixture.SIGNER.publicKey()));
        try (ExportReader reader = ExportFormat.detect(new ByteArrayInputStream(bytes))) {
            return verifier.verify(reader);
        }
    }

    private static List<ExportLine> lines(byte[] bytes) throws IOException {
        List<ExportLine> lines = new ArrayList<>();
        try (ExportReader reader = ExportFormat.detect(new ByteArrayInputStream(bytes))) {
            for (ExportLine line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void theWholeLogExportsAndVerifiesFromTheGenesis(ExportFormat format) throws IOException {
        byte[] bytes = exportOf(AuditFilter.ALL, format);

        ExportVerdict verdict = verify(bytes);

        assertThat(verdict.problem()).isNull();
        assertThat(verdict.entries()).isEqualTo(SEALED);
        assertThat(verdict.links()).isZero();
        assertThat(verdict.checkpoints()).isEqualTo(SEALED / CHECKPOINT_EVERY);
        assertThat(verdict.lastSignedPosition()).isEqualTo(3L * (SEALED - 1) + 1);
        List<ExportLine> lines = lines(bytes);
        ExportLine.Header header = (ExportLine.Header) lines.get(0);
        assertThat(header.anchor()).isNull();
        assertThat(header.publicKeys()).extracting(ExportLine.PublicKeyEntry::keyId)
                .containsExactly(AuditLogFixture.SIGNER.keyId());
        assertThat(lines.get(lines.size() - 1)).isEqualTo(new ExportLine.Footer(SEALED, 0, SEALED / CHECKPOINT_EVERY,
                3L * (SEALED - 1) + 1, UNSEALED));
        ExportLine afterCheckpointRow = lines.get(1 + CHECKPOINT_EVERY);
        assertThat(afterCheckpointRow).isInstanceOf(ExportLine.Checkpoint.class);
        assertThat(((ExportLine.Checkpoint) afterCheckpointRow).checkpoint().position())
                .isEqualTo(3L * (CHECKPOINT_EVERY - 1) + 1);
    }

    @Test
    void aResourceExportCarriesItsEntriesTheSegmentsLinksAndVerifiesFromItsAnchor() throws IOException {
        AuditFilter vm7 = new AuditFilter("vm-7", null, null, null, T0.plusSeconds(1_000), null, null);
        byte[] bytes = exportOf(vm7, ExportFormat.CSV);
        Path file = Files.write(dir.resolve("vm-7.csv"), bytes);
        Path key = Files.writeString(dir.resolve("service.pem"), SigningKeys.toPem(AuditLogFixture.SIGNER.publicKey()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyExport.run(new String[] {"--public-key", key.toString(), file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));

        // Rows of vm-7 are i = 7, 47, 87, ...; from t0 + 1000 s (i >= 811) that is i = 847 ... 2967.
        long expected = (2_967 - 847) / 40 + 1;
        List<ExportLine> lines = lines(bytes);
        ExportLine.Header header = (ExportLine.Header) lines.get(0);
        assertThat(header.query()).isEqualTo(Map.of("resource", "vm-7", "from", T0.plusSeconds(1_000).toString()));
        assertThat(header.anchor().position()).isEqualTo(3L * 749 + 1);
        assertThat(lines).filteredOn(l -> l instanceof ExportLine.Entry).hasSize((int) expected)
                .allSatisfy(l -> assertThat(((ExportLine.Entry) l).record().aggregateId()).isEqualTo("vm-7"));
        ExportLine.Footer footer = (ExportLine.Footer) lines.get(lines.size() - 1);
        assertThat(footer.links()).isEqualTo(3_000 - 750 - expected);
        assertThat(footer.unsealedNotExported()).as("row 3007, not sealed yet").isEqualTo(1);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("OK: " + expected + " entries, "
                + footer.links() + " links, 9 checkpoints verified; entries after position 8998 are not covered by a"
                + " signature");
    }

    @Test
    void aQueryMatchingNothingSealedStillSaysWhatItLeftOut() throws IOException {
        byte[] nothing = exportOf(new AuditFilter("vm-none", null, null, null, null, null, null), ExportFormat.JSONL);
        byte[] unsealedOnly = exportOf(new AuditFilter(null, null, null, null, T0.plusMillis(1_234L * SEALED), null,
                null), ExportFormat.JSONL);

        assertThat(verify(nothing).intact()).isTrue();
        assertThat(lines(nothing)).hasSize(2);
        assertThat(lines(unsealedOnly).get(1)).isEqualTo(new ExportLine.Footer(0, 0, 0, null, UNSEALED));
    }

    @Test
    void anAttackersEditInTheDatabaseShowsAtItsPositionInTheNextExport() throws IOException {
        long position = 3L * 1_207 + 1;
        String original = jdbc.queryForObject("SELECT payload::text FROM audit_log WHERE global_position = ?",
                String.class, position);
        jdbc.update("UPDATE audit_log SET payload = jsonb_set(payload, '{memoryMib}', '999999')"
                + " WHERE global_position = ?", position);
        try {
            ExportVerdict verdict = verify(exportOf(new AuditFilter("vm-7", null, null, null, null, null, null),
                    ExportFormat.JSONL));
            assertThat(verdict.problem()).isNotNull();
            assertThat(verdict.problem().position()).isEqualTo(position);
            assertThat(verdict.problem().kind()).isEqualTo("CONTENT_ALTERED");
        } finally {
            jdbc.update("UPDATE audit_log SET payload = CAST(? AS jsonb) WHERE global_position = ?", original,
                    position);
        }
        assertThat(verify(exportOf(new AuditFilter("vm-7", null, null, null, null, null, null), ExportFormat.JSONL))
                .intact()).isTrue();
    }
}
