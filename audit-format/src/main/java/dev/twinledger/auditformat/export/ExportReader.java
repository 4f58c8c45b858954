package dev.twinledger.auditformat.export;

import java.io.Closeable;
import java.io.IOException;

/** Reads an export's lines one at a time, holding none but the current one. Not thread-safe. */
public interface ExportReader extends Closeable {

    /**
     * The next line, or null at the end of the file.
     *
     * @throws MalformedExportException when the line cannot be read as an export line
     * @throws IOException              when the file cannot be read
     */
    ExportLine next() throws IOException;

    /** The number of the line last returned, from 1. */
    long lineNumber();
}
