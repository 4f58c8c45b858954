package dev.twinledger.auditformat.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.twinledger.auditformat.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields in double quotes with quotes doubled), UTF-8, a header row of
 * the fixed {@link #COLUMNS}, then one row per export line. Every text value is quoted, so an empty text is {@code ""}
 * and a missing one (null) is an empty unquoted field: the two differ in the canonical form, so they must differ here.
 * Numbers are unquoted. The payload is its JSON text; a header or footer row carries its whole JSON object in
 * {@code document}. A row and the JSON Lines line of the same kind hold the same values.
 */
final class CsvExport {

    /** The columns, in file order. */
    static final List<String> COLUMNS = List.of("kind", "position", "eventId", "eventType", "aggregateType",
            "aggregateId", "sequence", "occurredAt", "actorSubject", "actorUsername", "handlingSite", "correlationId",
            "causationId", "reason", "ticket", "payload", "contentDigest", "previousHash", "chainHash", "entries",
            "signedAt", "keyId", "algorithm", "signature", "document");
    private static final List<String> NUMBERS = List.of("position", "sequence", "entries");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .build();
    private static final CsvSchema SCHEMA = schema();

    private CsvExport() {
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        COLUMNS.forEach(builder::addColumn);
        return builder.build();
    }

    static ExportWriter writer(OutputStream out) throws IOException {
        SequenceWriter rows = MAPPER.writer(SCHEMA).writeValues(out);
        return new ExportWriter() {
            @Override
            public void write(ExportLine line) throws IOException {
                rows.write(row(line));
            }

            @Override
            public void flush() throws IOException {
                rows.flush();
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    /**
     * The line's JSON object spread over the columns (header and footer whole, in {@code document}); a column left
     * out is written empty and unquoted, which reads back as null.
     */
    private static Map<String, Object> row(ExportLine line) throws JsonProcessingException {
        ObjectNode json = ExportJson.toJson(line);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", line.kind());
        if (line instanceof ExportLine.Header || line instanceof ExportLine.Footer) {
            row.put("document", CanonicalJson.MAPPER.writeValueAsString(json));
            return row;
        }
        for (String column : COLUMNS.subList(1, COLUMNS.size())) {
            JsonNode value = json.get(column);
            if (value == null || value.isNull()) {
                continue;
            }
            if (column.equals("payload")) {
                row.put(column, CanonicalJson.MAPPER.writeValueAsString(value));
            } else {
                row.put(column, value.isIntegralNumber() ? (Object) value.longValue() : value.textValue());
            }
        }
        return row;
    }

    static ExportReader reader(InputStream in) throws IOException {
        MappingIterator<Map<String, String>> rows = MAPPER.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(in);
        return new ExportReader() {
            private long number = 1;
            private boolean headerChecked;

            @Override
            public ExportLine next() throws IOException {
                Map<String, String> row;
                try {
                    if (!rows.hasNextValue()) {
                        checkHeader();
                        return null;
                    }
                    row = rows.nextValue();
                } catch (RuntimeJsonMappingException | JsonProcessingException e) {
                    throw new MalformedExportException(number + 1, "not a CSV row: " + e.getMessage());
                }
                checkHeader();
                number++;
                return line(row, number);
            }

            private void checkHeader() {
                if (!headerChecked) {
                    headerChecked = true;
                    List<String> columns = new ArrayList<>();
                    Iterator<CsvSchema.Column> it = ((CsvSchema) rows.getParserSchema()).iterator();
                    it.forEachRemaining(column -> columns.add(column.getName()));
                    if (!columns.equals(COLUMNS)) {
                        throw new MalformedExportException(1, "the header row must be " + String.join(",", COLUMNS)
                                + ", was " + String.join(",", columns));
                    }
                }
            }

            @Override
            public long lineNumber() {
                return number;
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    private static ExportLine line(Map<String, String> row, long number) {
        String kind = row.get("kind");
        if ("header".equals(kind) || "footer".equals(kind)) {
            String document = row.get("document");
            if (document == null) {
                throw new MalformedExportException(number, "a " + kind + " row needs its document");
            }
            JsonNode json = json(document, number, "document");
            if (!kind.equals(json.path("kind").asText())) {
                throw new MalformedExportException(number, "the document of a " + kind + " row is not a " + kind);
            }
            return ExportJson.fromJson(json, number);
        }
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        for (String column : COLUMNS) {
            String value = row.get(column);
            if (value == null || column.equals("document")) {
                continue;
            }
            if (column.equals("payload")) {
                json.set(column, json(value, number, column));
            } else if (NUMBERS.contains(column)) {
                try {
                    json.put(column, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new MalformedExportException(number, column + " must be a whole number, was " + value);
                }
            } else {
                json.put(column, value);
            }
        }
        return ExportJson.fromJson(json, number);
    }

    private static JsonNode json(String text, long number, String column) {
        try {
            return CanonicalJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedExportException(number, column + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
