package dev.twinledger.auditformat.export;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The two encodings of an export. Both carry the same lines with the same values. */
public enum ExportFormat {

    /** One JSON object per line ({@code application/x-ndjson}). */
    JSONL("jsonl", "application/x-ndjson"),
    /** RFC 4180 CSV with a fixed header row ({@code text/csv}). */
    CSV("csv", "text/csv");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The file name extension and the {@code format} parameter's value: {@code jsonl} or {@code csv}. */
    public String extension() {
        return extension;
    }

    /** The media type, without charset (always UTF-8). */
    public String contentType() {
        return contentType;
    }

    /** The format named {@code jsonl} or {@code csv}. */
    public static ExportFormat named(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "'; use jsonl or csv");
    }

    /** A writer of this format onto {@code out}. */
    public ExportWriter writer(OutputStream out) throws IOException {
        return this == JSONL ? JsonLinesExport.writer(out) : CsvExport.writer(out);
    }

    /** A reader of this format from {@code in}. */
    public ExportReader reader(InputStream in) throws IOException {
        return this == JSONL ? JsonLinesExport.reader(in) : CsvExport.reader(in);
    }

    /**
     * A reader of whichever format {@code in} holds: JSON Lines when its first byte opens a JSON object, CSV
     * otherwise.
     */
    public static ExportReader detect(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(1);
        int first = buffered.read();
        buffered.reset();
        return (first == '{' ? JSONL : CSV).reader(buffered);
    }
}
