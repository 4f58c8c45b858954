package dev.twinledger.auditformat.export;

/** A line of an export that cannot be read as what it claims to be; names the line number (from 1). */
public class MalformedExportException extends RuntimeException {

    private final long line;

    /** A problem at {@code line}. */
    public MalformedExportException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The line number, from 1 (the CSV column header is line 1 of a CSV file). */
    public long line() {
        return line;
    }
}
