package dev.twinledger.auditformat.export;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an export, in file order: a {@link Header} first, then, in increasing position, an {@link Entry} or a
 * {@link Link} for every sealed record of the chain segment, each {@link Checkpoint} right after the record at its
 * position, and a {@link Footer} last.
 */
public sealed interface ExportLine {

    /** The format this package writes and reads. */
    String FORMAT = "twinledger-audit-export/1";

    /** The {@code kind} this line is written with. */
    String kind();

    /**
     * What the export holds and what it rests on.
     *
     * @param format     {@link #FORMAT}
     * @param exportedAt when the export was taken
     * @param query      the filters the export was asked with, by parameter name
     * @param anchor     the signed checkpoint the segment continues from, or null when it starts at the genesis
     * @param publicKeys the keys the service has signed checkpoints with (not trusted by being here)
     */
    record Header(String format, Instant exportedAt, Map<String, String> query, AuditCheckpoint anchor,
                  List<PublicKeyEntry> publicKeys) implements ExportLine {

        /** Compact constructor: copies the collections. */
        public Header {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(exportedAt, "exportedAt");
            query = Map.copyOf(query);
            publicKeys = List.copyOf(publicKeys);
        }

        @Override
        public String kind() {
            return "header";
        }
    }

    /**
     * A public key as the service publishes it.
     *
     * @param keyId     {@code sha256:} and 32 hex digits ({@link dev.twinledger.auditformat.SigningKeys#keyId})
     * @param algorithm {@code Ed25519} or {@code SHA256withRSA}
     * @param publicKey the key as PEM ({@code BEGIN PUBLIC KEY})
     */
    record PublicKeyEntry(String keyId, String algorithm, String publicKey) {
    }

    /**
     * A record the export's query matches, whole, with its seal.
     *
     * @param record        the record
     * @param contentDigest the digest recorded for it
     * @param previousHash  the previous hash recorded for it
     * @param chainHash     the chain hash recorded for it
     */
    record Entry(AuditRecord record, String contentDigest, String previousHash, String chainHash)
            implements ExportLine {

        @Override
        public String kind() {
            return "entry";
        }
    }

    /**
     * A record of the segment the query does not match: only what carries the chain through it.
     *
     * @param position      its global position
     * @param contentDigest the digest recorded for it
     * @param previousHash  the previous hash recorded for it
     * @param chainHash     the chain hash recorded for it
     */
    record Link(long position, String contentDigest, String previousHash, String chainHash) implements ExportLine {

        @Override
        public String kind() {
            return "link";
        }
    }

    /**
     * A signed checkpoint inside the segment.
     *
     * @param checkpoint the checkpoint as signed
     */
    record Checkpoint(AuditCheckpoint checkpoint) implements ExportLine {

        @Override
        public String kind() {
            return "checkpoint";
        }
    }

    /**
     * What the export holds, counted by the writer, so a removed or added line shows.
     *
     * @param entries                how many entry lines
     * @param links                  how many link lines
     * @param checkpoints            how many checkpoint lines
     * @param lastCheckpointPosition the position of the last checkpoint line, or null when there is none
     * @param unsealedNotExported    records the query matches that were not sealed yet and so are not in the export
     */
    record Footer(long entries, long links, long checkpoints, Long lastCheckpointPosition, long unsealedNotExported)
            implements ExportLine {

        @Override
        public String kind() {
            return "footer";
        }
    }
}
