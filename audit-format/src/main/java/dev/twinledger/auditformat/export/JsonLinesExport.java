package dev.twinledger.auditformat.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.auditformat.CanonicalJson;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** JSON Lines: one JSON object per line, UTF-8, each line ended by {@code \n}. */
final class JsonLinesExport {

    private JsonLinesExport() {
    }

    static ExportWriter writer(OutputStream out) {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        return new ExportWriter() {
            @Override
            public void write(ExportLine line) throws IOException {
                buffered.write(CanonicalJson.MAPPER.writeValueAsBytes(ExportJson.toJson(line)));
                buffered.write('\n');
            }

            @Override
            public void flush() throws IOException {
                buffered.flush();
            }

            @Override
            public void close() throws IOException {
                buffered.close();
            }
        };
    }

    static ExportReader reader(InputStream in) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new ExportReader() {
            private long number;

            @Override
            public ExportLine next() throws IOException {
                String line = lines.readLine();
                if (line == null) {
                    return null;
                }
                number++;
                JsonNode node;
                try {
                    node = CanonicalJson.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new MalformedExportException(number, "not JSON: " + e.getOriginalMessage());
                }
                return ExportJson.fromJson(node, number);
            }

            @Override
            public long lineNumber() {
                return number;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }
}
