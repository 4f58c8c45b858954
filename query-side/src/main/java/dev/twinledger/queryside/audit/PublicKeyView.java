package dev.twinledger.queryside.audit;

import java.time.Instant;

/**
 * A key that signs (or signed) audit checkpoints.
 *
 * @param keyId       {@code sha256:} and the first 16 bytes of SHA-256 of the key's encoding, hex
 * @param algorithm   the signature algorithm: {@code Ed25519} or {@code SHA256withRSA}
 * @param publicKey   the public key as X.509 PEM, ready for the offline verifier's {@code --public-key}
 * @param current     whether this service signs with it now
 * @param trusted     whether this service's verification accepts it (the current key and configured earlier keys)
 * @param firstUsedAt when it first signed a checkpoint here; null if it has not yet
 */
public record PublicKeyView(String keyId, String algorithm, String publicKey, boolean current, boolean trusted,
                            Instant firstUsedAt) {
}
