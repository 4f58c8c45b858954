package dev.twinledger.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two hashes of the chain, both SHA-256 written as 64 lower-case hex digits:
 * <ul>
 *   <li>content digest: over the UTF-8 bytes of a record's canonical form;</li>
 *   <li>chain hash: over the 32 bytes of the previous record's chain hash followed by the 32 bytes of this record's
 *       content digest. The first record's previous hash is {@link #GENESIS}.</li>
 * </ul>
 * Chaining digests rather than whole records lets an export leave a record's content out (it does not match the
 * export's query) and still carry what is needed to recompute the chain through it.
 */
public final class AuditHashes {

    /** The previous hash of the first record of the chain: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private AuditHashes() {
    }

    /** SHA-256 of the canonical form's UTF-8 bytes. */
    public static String contentDigest(String canonicalForm) {
        return HEX.formatHex(sha256().digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * SHA-256 of {@code previousHash} then {@code contentDigest}, both decoded from hex.
     *
     * @throws IllegalArgumentException when either is not 64 hex digits
     */
    public static String chainHash(String previousHash, String contentDigest) {
        MessageDigest sha = sha256();
        sha.update(decode(previousHash, "previous hash"));
        sha.update(decode(contentDigest, "content digest"));
        return HEX.formatHex(sha.digest());
    }

    /** Whether {@code text} is 64 lower-case hex digits. */
    public static boolean isHash(String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }

    private static byte[] decode(String hash, String what) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex digits, was " + hash);
        }
        return HEX.parseHex(hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
