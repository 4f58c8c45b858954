package dev.twinledger.auditformat;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs checkpoints with the service's private key, and checks a checkpoint's signature with a public key.
 * Thread-safe: a {@link Signature} is made per call.
 */
public final class CheckpointSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final String algorithm;

    /** A signer with this key pair; {@code publicKey} names the key in each checkpoint. */
    public CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = SigningKeys.keyId(publicKey);
        this.algorithm = SigningKeys.signatureAlgorithm(privateKey);
    }

    /** The id of the key this signer signs with. */
    public String keyId() {
        return keyId;
    }

    /** The public key that verifies this signer's checkpoints. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** A checkpoint for the chain hash {@code chainHash} of the {@code entries}-th record, at {@code position}. */
    public AuditCheckpoint sign(long position, long entries, String chainHash, Instant signedAt) {
        AuditCheckpoint unsigned = new AuditCheckpoint(position, entries, chainHash, signedAt, keyId, algorithm, "");
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(privateKey);
            signature.update(unsigned.signedContent());
            return new AuditCheckpoint(position, entries, chainHash, unsigned.signedAt(), keyId, algorithm,
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint with key " + keyId, e);
        }
    }

    /** Whether {@code checkpoint}'s signature is valid for {@code key}; false for a malformed signature too. */
    public static boolean verify(AuditCheckpoint checkpoint, PublicKey key) {
        try {
            Signature signature = Signature.getInstance(checkpoint.algorithm());
            signature.initVerify(key);
            signature.update(checkpoint.signedContent());
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
