package dev.twinledger.auditformat.export;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.ChainProblem;
import dev.twinledger.auditformat.ChainWalk;
import dev.twinledger.auditformat.SigningKeys;

import java.io.IOException;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies an export as it is read, line by line, with {@link ChainWalk}: first the anchor checkpoint's signature,
 * then every entry (its content against its digest, its hashes against the chain), link and checkpoint (against the
 * chain recomputed so far and a trusted key), then the footer's counts, so a removed or added line shows even where
 * the chain cannot tell. It stops at the first problem.
 *
 * <p>Trusted keys are the ones given. Without any, the keys the export's own header lists are trusted: that proves
 * the file is consistent with itself, not that the service signed it.
 */
public final class ExportVerifier {

    private final Map<String, PublicKey> trustedKeys;

    /** A verifier trusting {@code trustedKeys}; empty trusts the export's own header (see the class comment). */
    public ExportVerifier(List<PublicKey> trustedKeys) {
        Map<String, PublicKey> byId = new HashMap<>();
        trustedKeys.forEach(key -> byId.put(SigningKeys.keyId(key), key));
        this.trustedKeys = Map.copyOf(byId);
    }

    /** Whether this verifier falls back on the keys an export names itself. */
    public boolean trustsTheExportsOwnKeys() {
        return trustedKeys.isEmpty();
    }

    /**
     * Reads and verifies the whole export.
     *
     * @throws NotAnExportException when the first line is not the header of format {@link ExportLine#FORMAT}
     * @throws IOException          when the file cannot be read
     */
    public ExportVerdict verify(ExportReader reader) throws IOException {
        ExportLine.Header header = header(reader);
        Map<String, PublicKey> keys = trustedKeys.isEmpty() ? keysOf(header) : trustedKeys;
        ChainWalk walk;
        long signed = -1;
        if (header.anchor() == null) {
            walk = ChainWalk.fromGenesis(keys);
        } else {
            Optional<ChainProblem> anchor = ChainWalk.checkSignature(header.anchor(), keys);
            if (anchor.isPresent()) {
                return broken(null, -1, anchor.get());
            }
            walk = ChainWalk.fromCheckpoint(header.anchor(), keys);
            signed = header.anchor().position();
        }
        ExportLine.Footer footer = null;
        while (true) {
            ExportLine line;
            try {
                line = reader.next();
            } catch (MalformedExportException e) {
                return broken(walk, signed, walk.position(), "MALFORMED_LINE", e.getMessage());
            }
            if (line == null) {
                break;
            }
            if (footer != null) {
                return broken(walk, signed, walk.position(), "MALFORMED_LINE", "line " + reader.lineNumber()
                        + " comes after the footer");
            }
            Optional<ChainProblem> problem = Optional.empty();
            if (line instanceof ExportLine.Entry entry) {
                problem = walk.record(entry.record(), entry.contentDigest(), entry.previousHash(), entry.chainHash());
            } else if (line instanceof ExportLine.Link link) {
                problem = walk.link(link.position(), link.contentDigest(), link.previousHash(), link.chainHash());
            } else if (line instanceof ExportLine.Checkpoint checkpoint) {
                problem = walk.checkpoint(checkpoint.checkpoint());
                if (problem.isEmpty()) {
                    signed = checkpoint.checkpoint().position();
                }
            } else if (line instanceof ExportLine.Footer last) {
                footer = last;
            } else {
                return broken(walk, signed, walk.position(), "MALFORMED_LINE", "line " + reader.lineNumber()
                        + " is a second header");
            }
            if (problem.isPresent()) {
                return broken(walk, signed, problem.get());
            }
        }
        if (footer == null) {
            return broken(walk, signed, walk.position(), "MISSING_FOOTER", "the export ends at line "
                    + reader.lineNumber() + " without its footer: it was cut short, or its end was removed");
        }
        if (footer.entries() != walk.recordsChecked() || footer.links() != walk.linksChecked()
                || footer.checkpoints() != walk.checkpointsChecked()) {
            return broken(walk, signed, walk.position(), "COUNT_MISMATCH", "the footer counts " + footer.entries()
                    + " entries, " + footer.links() + " links and " + footer.checkpoints() + " checkpoints, but the"
                    + " file holds " + walk.recordsChecked() + ", " + walk.linksChecked() + " and "
                    + walk.checkpointsChecked() + ": lines were removed or added");
        }
        return new ExportVerdict(walk.recordsChecked(), walk.linksChecked(), walk.checkpointsChecked(), signed, null);
    }

    private static ExportLine.Header header(ExportReader reader) throws IOException {
        ExportLine first;
        try {
            first = reader.next();
        } catch (MalformedExportException e) {
            throw new NotAnExportException("the first line is not an export header: " + e.getMessage());
        }
        if (!(first instanceof ExportLine.Header header)) {
            throw new NotAnExportException(first == null ? "the file is empty"
                    : "the first line is a " + first.kind() + ", not the header");
        }
        if (!ExportLine.FORMAT.equals(header.format())) {
            throw new NotAnExportException("the format is " + header.format() + "; this verifier reads "
                    + ExportLine.FORMAT);
        }
        return header;
    }

    /** The header's keys, each only under the id its own encoding gives, so a mislabelled key verifies nothing. */
    private static Map<String, PublicKey> keysOf(ExportLine.Header header) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (ExportLine.PublicKeyEntry entry : header.publicKeys()) {
            try {
                PublicKey key = SigningKeys.readPublicKey(entry.publicKey());
                keys.put(SigningKeys.keyId(key), key);
            } catch (IllegalArgumentException unreadable) {
                // a key that does not parse verifies nothing; the checkpoint it signed then reports an untrusted key
            }
        }
        return keys;
    }

    private static ExportVerdict broken(ChainWalk walk, long signed, ChainProblem problem) {
        return broken(walk, signed, problem.position(), problem.kind().name(), problem.detail());
    }

    private static ExportVerdict broken(ChainWalk walk, long signed, long position, String kind, String detail) {
        return new ExportVerdict(walk == null ? 0 : walk.recordsChecked(), walk == null ? 0 : walk.linksChecked(),
                walk == null ? 0 : walk.checkpointsChecked(), signed,
                new ExportVerdict.Problem(position, kind, detail));
    }

    /** The file is not an export of a format this verifier reads. */
    public static class NotAnExportException extends RuntimeException {

        /** With what was found instead. */
        public NotAnExportException(String message) {
            super(message);
        }
    }
}
