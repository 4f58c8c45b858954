package dev.twinledger.auditformat.export;

/**
 * What verifying an export found.
 *
 * @param entries            entry lines whose content, digest and hashes held
 * @param links              link lines whose hashes held
 * @param checkpoints        checkpoint lines that matched the chain and whose signatures verified
 * @param lastSignedPosition the position up to which a verified signature covers the chain (the last checkpoint, or
 *                           the anchor); -1 when no signature covers any of it
 * @param problem            the first thing that does not hold, or null when the export is intact
 */
public record ExportVerdict(long entries, long links, long checkpoints, long lastSignedPosition, Problem problem) {

    /** Whether nothing is wrong. */
    public boolean intact() {
        return problem == null;
    }

    /**
     * The first thing wrong in an export.
     *
     * @param position the position where it shows: a record's or checkpoint's, or the last one read before a line
     *                 that could not be read (-1 before any)
     * @param kind     a {@link dev.twinledger.auditformat.ChainProblem.Kind} name, or one of the export's own:
     *                 {@code MALFORMED_LINE}, {@code MISSING_FOOTER}, {@code COUNT_MISMATCH}
     * @param detail   a sentence for people
     */
    public record Problem(long position, String kind, String detail) {
    }
}
