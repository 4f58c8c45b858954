package dev.twinledger.auditformat.cli;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.auditformat.export.ExportFixture;
import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline verifier on genuine exports (30 sealed records from the genesis, a checkpoint every 10, every third
 * record an entry and the others links), intact and tampered with as text, in both formats.
 */
class VerifyExportTest {

    private static final KeyPair OTHER = SigningKeys.generateEd25519();

    @TempDir
    Path dir;

    private Path serviceKey;

    private record Run(int code, String out, String err) {
    }

    private Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8).trim());
    }

    private Path key(java.security.PublicKey key, String name) throws IOException {
        return Files.writeString(dir.resolve(name), SigningKeys.toPem(key));
    }

    private Path export(List<ExportLine> lines, ExportFormat format) throws IOException {
        return Files.write(dir.resolve("export." + format.extension()), ExportFixture.write(lines, format));
    }

    private Path trustedExport(ExportFormat format) throws IOException {
        serviceKey = key(ExportFixture.SIGNER.publicKey(), "service.pem");
        return export(ExportFixture.lines(30, 10), format);
    }

    /** The file's lines (a CSV row is one line here: no value of the fixture holds a raw line break). */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file);
        String separator = text.contains("\r\n") ? "\r\n" : "\n";
        return new ArrayList<>(Arrays.asList(text.split(separator)));
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        String separator = file.toString().endsWith(".csv") ? "\r\n" : "\n";
        Files.writeString(file, lines.stream().collect(Collectors.joining(separator, "", separator)));
    }

    private static int lineOf(List<String> lines, ExportFormat format, String kind, long position) {
        String start = format == ExportFormat.JSONL ? "{\"kind\":\"" + kind + "\"" : "\"" + kind + "\"," + position + ",";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(start) && (format == ExportFormat.CSV || line.contains("\"position\":" + position + ","))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " line at position " + position);
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void anIntactExportVerifiesWithTheServicesKey(ExportFormat format) throws IOException {
        Path file = trustedExport(format);

        Run run = verify("--public-key", serviceKey.toString(), file.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("OK: 10 entries, 20 links, 3 checkpoints verified; entries after position 58"
                + " are not covered by a signature");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutAKeyItTrustsTheHeaderAndWarnsThatThisProvesOnlyConsistency() throws IOException {
        Path file = trustedExport(ExportFormat.JSONL);

        Run run = verify(file.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("OK: 10 entries");
        assertThat(run.err()).startsWith("WARNING: no --public-key given").contains("consistent with itself");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void anEditedPayloadIsReportedAtItsPosition(ExportFormat format) throws IOException {
        Path file = trustedExport(format);
        List<String> lines = lines(file);
        int at = lineOf(lines, format, "entry", 24);
        String memory = format == ExportFormat.JSONL ? "\"memoryMib\":2048" : "\"\"memoryMib\"\":2048";
        assertThat(lines.get(at)).contains(memory);
        lines.set(at, lines.get(at).replace(memory, memory.replace("2048", "4096")));
        rewrite(file, lines);

        Run run = verify("--public-key", serviceKey.toString(), file.toString());

        assertThat(run.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(run.out()).startsWith("BROKEN at position 24: CONTENT_ALTERED: ");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aRemovedLineBreaksTheLinkOfTheNext(ExportFormat format) throws IOException {
        Path file = trustedExport(format);
        List<String> lines = lines(file);
        lines.remove(lineOf(lines, format, "link", 32));
        rewrite(file, lines);

        Run run = verify("--public-key", serviceKey.toString(), file.toString());

        assertThat(run.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(run.out()).startsWith("BROKEN at position 34: LINK_BROKEN: ");
    }

    @Test
    void aRemovedCheckpointOrACutOffEndShowsInTheFooter() throws IOException {
        Path file = trustedExport(ExportFormat.JSONL);
        List<String> lines = lines(file);
        lines.remove(lineOf(lines, ExportFormat.JSONL, "checkpoint", 38));
        rewrite(file, lines);

        assertThat(verify("--public-key", serviceKey.toString(), file.toString()).out())
                .startsWith("BROKEN at position 58: COUNT_MISMATCH: the footer counts 10 entries, 20 links and 3"
                        + " checkpoints");

        lines.remove(lines.size() - 1);
        rewrite(file, lines);
        Run cut = verify("--public-key", serviceKey.toString(), file.toString());
        assertThat(cut.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(cut.out()).startsWith("BROKEN at position 58: MISSING_FOOTER: ");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aRewrittenChainWithAForgedCheckpointIsCaughtByTheSignature(ExportFormat format) throws IOException {
        trustedExport(format);
        List<ExportLine> forged = ExportFixture.lines(30, 10);
        int index = forged.indexOf(forged.stream().filter(l -> l instanceof ExportLine.Checkpoint).findFirst()
                .orElseThrow());
        AuditCheckpoint genuine = ((ExportLine.Checkpoint) forged.get(index)).checkpoint();
        CheckpointSigner attacker = new CheckpointSigner(OTHER.getPrivate(), OTHER.getPublic());
        forged.set(index, new ExportLine.Checkpoint(attacker.sign(genuine.position(), genuine.entries(),
                genuine.chainHash(), genuine.signedAt())));
        Path file = export(forged, format);

        Run untrusted = verify("--public-key", serviceKey.toString(), file.toString());
        assertThat(untrusted.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(untrusted.out()).startsWith("BROKEN at position 18: CHECKPOINT_KEY_UNTRUSTED: ");

        forged.set(index, new ExportLine.Checkpoint(new AuditCheckpoint(genuine.position(), genuine.entries(),
                genuine.chainHash(), genuine.signedAt().plusSeconds(1), genuine.keyId(), genuine.algorithm(),
                genuine.signature())));
        file = export(forged, format);
        assertThat(verify("--public-key", serviceKey.toString(), file.toString()).out())
                .startsWith("BROKEN at position 18: CHECKPOINT_SIGNATURE_INVALID: ");
    }

    @Test
    void aKeyThatIsNotTheServicesTrustsNoCheckpoint() throws IOException {
        Path file = trustedExport(ExportFormat.CSV);
        Path other = key(OTHER.getPublic(), "other.pem");

        Run run = verify("--public-key", other.toString(), file.toString());

        assertThat(run.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(run.out()).startsWith("BROKEN at position 18: CHECKPOINT_KEY_UNTRUSTED: ")
                .contains(SigningKeys.keyId(OTHER.getPublic()));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aSegmentStartsFromItsSignedAnchor(ExportFormat format) throws IOException {
        trustedExport(format);
        List<ExportLine> all = ExportFixture.lines(30, 10);
        int anchorIndex = all.indexOf(all.stream().filter(l -> l instanceof ExportLine.Checkpoint).findFirst()
                .orElseThrow());
        AuditCheckpoint anchor = ((ExportLine.Checkpoint) all.get(anchorIndex)).checkpoint();
        ExportLine.Header header = (ExportLine.Header) all.get(0);
        List<ExportLine> segment = new ArrayList<>();
        segment.add(new ExportLine.Header(header.format(), header.exportedAt(), header.query(), anchor,
                header.publicKeys()));
        segment.addAll(all.subList(anchorIndex + 1, all.size() - 1));
        segment.add(new ExportLine.Footer(segment.stream().filter(l -> l instanceof ExportLine.Entry).count(),
                segment.stream().filter(l -> l instanceof ExportLine.Link).count(), 2, 58L, 0));

        Run run = verify("--public-key", serviceKey.toString(), export(segment, format).toString());
        assertThat(run.out()).isEqualTo("OK: 6 entries, 14 links, 2 checkpoints verified; entries after position 58"
                + " are not covered by a signature");

        segment.set(0, new ExportLine.Header(header.format(), header.exportedAt(), header.query(),
                new AuditCheckpoint(anchor.position(), anchor.entries() + 1, anchor.chainHash(), anchor.signedAt(),
                        anchor.keyId(), anchor.algorithm(), anchor.signature()), header.publicKeys()));
        Run forged = verify("--public-key", serviceKey.toString(), export(segment, format).toString());
        assertThat(forged.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(forged.out()).startsWith("BROKEN at position 18: CHECKPOINT_SIGNATURE_INVALID: ");
    }

    @Test
    void csvAndJsonLinesOfOneExportGiveTheSameAnswer() throws IOException {
        Path jsonl = trustedExport(ExportFormat.JSONL);
        Path csv = export(ExportFixture.lines(30, 10), ExportFormat.CSV);

        assertThat(verify("--public-key", serviceKey.toString(), csv.toString()).out())
                .isEqualTo(verify("--public-key", serviceKey.toString(), jsonl.toString()).out());
    }

    @Test
    void aLineThatIsNotJsonIsBrokenAndUsageMistakesAreExit2() throws IOException {
        Path file = trustedExport(ExportFormat.JSONL);
        List<String> lines = lines(file);
        int at = lineOf(lines, ExportFormat.JSONL, "link", 4);
        lines.set(at, lines.get(at).substring(0, 40));
        rewrite(file, lines);

        Run malformed = verify("--public-key", serviceKey.toString(), file.toString());
        assertThat(malformed.code()).isEqualTo(VerifyExport.BROKEN);
        assertThat(malformed.out()).startsWith("BROKEN at position 2: MALFORMED_LINE: line 4: not JSON");

        assertThat(verify().code()).isEqualTo(VerifyExport.UNUSABLE);
        assertThat(verify("--public-key").code()).isEqualTo(VerifyExport.UNUSABLE);
        assertThat(verify(dir.resolve("missing.jsonl").toString()).err()).contains("cannot read");
        assertThat(verify("--public-key", dir.resolve("missing.pem").toString(), file.toString()).code())
                .isEqualTo(VerifyExport.UNUSABLE);
        Path notAnExport = Files.writeString(dir.resolve("notes.csv"), "a,b\r\n1,2\r\n");
        Run wrong = verify(notAnExport.toString());
        assertThat(wrong.code()).isEqualTo(VerifyExport.UNUSABLE);
        assertThat(wrong.err()).contains("is not a Twinledger audit export");
        assertThat(verify(Files.writeString(dir.resolve("empty.jsonl"), "").toString()).code())
                .isEqualTo(VerifyExport.UNUSABLE);
    }
}
