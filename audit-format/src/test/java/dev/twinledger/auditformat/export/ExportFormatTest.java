package dev.twinledger.auditformat.export;

import dev.twinledger.auditformat.AuditRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportFormatTest {

    private static List<ExportLine> read(byte[] bytes) throws IOException {
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
    void everyLineRoundTripsExactlyWithItsCanonicalForm(ExportFormat format) throws IOException {
        List<ExportLine> written = ExportFixture.lines(30, 10);

        List<ExportLine> back = read(ExportFixture.write(written, format));

        assertThat(back).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i) instanceof ExportLine.Entry entry) {
                ExportLine.Entry read = (ExportLine.Entry) back.get(i);
                assertThat(read.record().canonicalForm()).isEqualTo(entry.record().canonicalForm());
                assertThat(read.record()).usingRecursiveComparison().isEqualTo(entry.record());
                assertThat(read.contentDigest()).isEqualTo(entry.contentDigest());
            } else {
                assertThat(back.get(i)).isEqualTo(written.get(i));
            }
        }
    }

    @Test
    void csvAndJsonLinesCarryTheSameLines() throws IOException {
        List<ExportLine> lines = ExportFixture.lines(12, 5);

        List<ExportLine> fromCsv = read(ExportFixture.write(lines, ExportFormat.CSV));
        List<ExportLine> fromJsonLines = read(ExportFixture.write(lines, ExportFormat.JSONL));

        assertThat(fromCsv).usingRecursiveFieldByFieldElementComparator().isEqualTo(fromJsonLines);
    }

    @Test
    void csvQuotesEveryTextSoAnEmptyTextAndAMissingOneDiffer() throws IOException {
        AuditRecord empty = ExportFixture.record(4);
        AuditRecord missing = ExportFixture.record(6);
        assertThat(empty.reason()).isEmpty();
        assertThat(missing.ticket()).isEqualTo("OPS-1");
        assertThat(missing.causationId()).isNull();

        String csv = new String(ExportFixture.write(ExportFixture.lines(4, 10), ExportFormat.CSV),
                StandardCharsets.UTF_8);

        assertThat(csv).startsWith("\"kind\",\"position\",\"eventId\"");
        assertThat(csv).contains("\r\n\"entry\",0,\"event-0\"");
        assertThat(csv).contains(",\"\",").as("an empty reason is a quoted empty field");
        assertThat(csv).contains(",,").as("a missing value is an empty unquoted field");
        List<ExportLine> back = read(csv.getBytes(StandardCharsets.UTF_8));
        AuditRecord zero = ((ExportLine.Entry) back.get(1)).record();
        assertThat(zero.reason()).isEmpty();
        assertThat(zero.causationId()).isNull();
        assertThat(zero.actorSubject()).isEqualTo("sub, \"x\"");
        assertThat(zero.payload().get("note").textValue()).isEqualTo("line one\nline \"two\", three\r\n");
        assertThat(zero.payload().get("ratio").toString()).isEqualTo("1.50");
    }

    @Test
    void jsonLinesEntriesNameTheRecordsFieldsAsItsCanonicalForm() throws IOException {
        String jsonl = new String(ExportFixture.write(ExportFixture.lines(1, 10), ExportFormat.JSONL),
                StandardCharsets.UTF_8);
        String[] lines = jsonl.split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"kind\":\"header\",\"format\":\"twinledger-audit-export/1\"")
                .contains("\"anchor\":{\"kind\":\"genesis\"}").contains("\"publicKeys\":[{\"keyId\":\"sha256:");
        assertThat(lines[1]).startsWith("{\"kind\":\"entry\",\"actorSubject\":")
                .contains("\"occurredAt\":\"2026-03-01T08:00:00.123456Z\"").contains("\"sequence\":-1")
                .endsWith("\"chainHash\":\"" + ((ExportLine.Entry) ExportFixture.lines(1, 10).get(1)).chainHash()
                        + "\"}");
        assertThat(lines[2]).isEqualTo("{\"kind\":\"footer\",\"entries\":1,\"links\":0,\"checkpoints\":0,"
                + "\"lastCheckpointPosition\":null,\"unsealedNotExported\":2}");
    }

    @Test
    void aLineThatIsNotWhatItClaimsIsMalformedAndNamed() throws IOException {
        byte[] bytes = "{\"kind\":\"link\",\"position\":\"three\"}\n".getBytes(StandardCharsets.UTF_8);

        try (ExportReader reader = ExportFormat.JSONL.reader(new ByteArrayInputStream(bytes))) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedExportException.class)
                    .hasMessageContaining("line 1").hasMessageContaining("position");
        }
        byte[] csv = "\"kind\",\"position\"\r\n\"link\",3\r\n".getBytes(StandardCharsets.UTF_8);
        try (ExportReader reader = ExportFormat.CSV.reader(new ByteArrayInputStream(csv))) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedExportException.class)
                    .hasMessageContaining("header row");
        }
    }
}
