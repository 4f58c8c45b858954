package dev.twinledger.auditformat.export;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes export lines to a stream as they come, holding none of them. {@link #close()} flushes and closes the
 * stream. Not thread-safe.
 */
public interface ExportWriter extends Closeable {

    /** Writes one line. */
    void write(ExportLine line) throws IOException;

    /** Pushes what is buffered to the stream. */
    void flush() throws IOException;
}
