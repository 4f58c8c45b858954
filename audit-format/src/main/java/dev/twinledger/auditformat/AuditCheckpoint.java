package dev.twinledger.auditformat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A signed statement that the chain, up to and including the record at {@code position}, hashes to
 * {@code chainHash}. Whoever holds the public key of {@code keyId} can check that the record up to there has not
 * changed since the service signed it, even if someone with write access to the database recomputed every hash.
 *
 * @param position  the global position of the last record the checkpoint covers
 * @param entries   how many records the chain holds up to and including {@code position}
 * @param chainHash the chain hash of the record at {@code position}
 * @param signedAt  when it was signed, truncated to microseconds
 * @param keyId     the id of the signing key ({@link SigningKeys#keyId})
 * @param algorithm the JCA signature algorithm: {@code Ed25519} or {@code SHA256withRSA}
 * @param signature the signature over {@link #signedContent()}, base64
 */
public record AuditCheckpoint(long position, long entries, String chainHash, Instant signedAt, String keyId,
                              String algorithm, String signature) {

    /** Compact constructor: required fields, and {@code signedAt} truncated to microseconds. */
    public AuditCheckpoint {
        Objects.requireNonNull(chainHash, "chainHash");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        signedAt = signedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The bytes the signature is over: the canonical JSON of every field but the signature. */
    public byte[] signedContent() {
        ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
        node.put("algorithm", algorithm);
        node.put("chainHash", chainHash);
        node.put("entries", entries);
        node.put("keyId", keyId);
        node.put("position", position);
        node.put("signedAt", CanonicalJson.instant(signedAt));
        return CanonicalJson.write(node).getBytes(StandardCharsets.UTF_8);
    }
}
