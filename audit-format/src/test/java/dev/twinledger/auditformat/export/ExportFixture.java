package dev.twinledger.auditformat.export;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CanonicalJson;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds genuine export lines: a sealed chain over positions 0, 2, 4, ... with a signed checkpoint every
 * {@code checkpointEvery} records, every third record an entry (the query "matches" it) and the rest links, with
 * values that stress the encodings (quotes, commas, line breaks, empty and missing texts, exact decimals).
 */
public final class ExportFixture {

    public static final KeyPair KEYS = SigningKeys.generateEd25519();
    public static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS.getPrivate(), KEYS.getPublic());
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

    private ExportFixture() {
    }

    /** A record with awkward values. */
    public static AuditRecord record(long position) {
        String payload = "{\"vmId\":\"vm-" + position + "\",\"memoryMib\":2048,\"ratio\":1.50,"
                + "\"note\":\"line one\\nline \\\"two\\\", three\\r\\n\",\"tags\":{\"b\":\"\",\"a\":null}}";
        return new AuditRecord(position, "event-" + position, "dev.twinledger.api.inventory.VmProvisioned",
                position % 2 == 0 ? "VirtualMachine" : null, "vm-" + position, position % 7 == 0 ? -1 : position,
                T0.plusSeconds(position), "sub, \"x\"", "operator", "dc1", "corr-" + position, null,
                position % 4 == 0 ? "" : " leading and trailing ", position % 3 == 0 ? "OPS-1" : null,
                CanonicalJson.parse(payload));
    }

    /** The lines of an export over {@code records} sealed records from the genesis. */
    public static List<ExportLine> lines(int records, int checkpointEvery) {
        List<ExportLine> lines = new ArrayList<>();
        lines.add(new ExportLine.Header(ExportLine.FORMAT, Instant.parse("2026-03-02T00:00:00Z"),
                Map.of("resource", "vm-3"), null, List.of(publicKey())));
        String previous = AuditHashes.GENESIS;
        long entries = 0;
        long links = 0;
        long checkpoints = 0;
        Long lastCheckpoint = null;
        for (int i = 0; i < records; i++) {
            AuditRecord record = record(2L * i);
            String digest = record.contentDigest();
            String hash = AuditHashes.chainHash(previous, digest);
            if (i % 3 == 0) {
                lines.add(new ExportLine.Entry(record, digest, previous, hash));
                entries++;
            } else {
                lines.add(new ExportLine.Link(record.position(), digest, previous, hash));
                links++;
            }
            if ((i + 1) % checkpointEvery == 0) {
                AuditCheckpoint checkpoint = SIGNER.sign(record.position(), i + 1L, hash, T0.plusSeconds(i));
                lines.add(new ExportLine.Checkpoint(checkpoint));
                checkpoints++;
                lastCheckpoint = record.position();
            }
            previous = hash;
        }
        lines.add(new ExportLine.Footer(entries, links, checkpoints, lastCheckpoint, 2));
        return lines;
    }

    /** The service's key as the header lists it. */
    public static ExportLine.PublicKeyEntry publicKey() {
        return new ExportLine.PublicKeyEntry(SIGNER.keyId(), "Ed25519", SigningKeys.toPem(SIGNER.publicKey()));
    }

    /** The lines written in {@code format}. */
    public static byte[] write(List<ExportLine> lines, ExportFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExportWriter writer = format.writer(bytes)) {
            for (ExportLine line : lines) {
                writer.write(line);
            }
        }
        return bytes.toByteArray();
    }
}
