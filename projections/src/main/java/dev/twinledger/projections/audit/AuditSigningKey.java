package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Loads the key the service signs checkpoints with: a PEM file holding a PKCS#8 private key (Ed25519 or RSA) and its
 * X.509 public key, either in the same file or in one beside it with {@code .pub} appended (an Ed25519 public key
 * cannot be derived from the private key with the JDK; an RSA one can). When the file does not exist and generation
 * is allowed, a new Ed25519 pair is written there as one file readable by its owner only. The file appears whole or
 * not at all, so services starting together on one machine agree on one key.
 */
public final class AuditSigningKey {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

    private AuditSigningKey() {
    }

    /**
     * The signer for the key at {@code privateKeyFile}.
     *
     * @throws IllegalStateException when the files are missing (and generation is off) or unreadable
     */
    public static CheckpointSigner load(Path privateKeyFile, boolean generateIfMissing) {
        Path publicKeyFile = publicKeyFileOf(privateKeyFile);
        try {
            if (!Files.exists(privateKeyFile)) {
                if (!generateIfMissing) {
                    throw new IllegalStateException("audit signing key " + privateKeyFile + " does not exist; set"
                            + " twinledger.audit.signing-key-file to a PKCS#8 PEM key, or allow generation");
                }
                generate(privateKeyFile);
            }
            String pem = Files.readString(privateKeyFile);
            PrivateKey privateKey = SigningKeys.readPrivateKey(pem);
            PublicKey publicKey = pem.contains("BEGIN PUBLIC KEY") ? SigningKeys.readPublicKey(pem)
                    : Files.exists(publicKeyFile) ? SigningKeys.readPublicKey(Files.readString(publicKeyFile))
                    : SigningKeys.publicKeyOf(privateKey);
            CheckpointSigner signer = new CheckpointSigner(privateKey, publicKey);
            log.info("Audit checkpoints are signed with key {} ({})", signer.keyId(), privateKeyFile);
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + privateKeyFile, e);
        }
    }

    /** Reads a public key file (PEM), for keys trusted besides the signing key. */
    public static PublicKey readPublicKey(Path file) {
        try {
            return SigningKeys.readPublicKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted public key " + file, e);
        }
    }

    /** Where the public key of {@code privateKeyFile} is kept. */
    public static Path publicKeyFileOf(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    private static void generate(Path keyFile) throws IOException {
        KeyPair pair = SigningKeys.generateEd25519();
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path draft = Files.createTempFile(directory, ".audit-key-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("cannot restrict permissions of {} on this file system", draft);
            }
            Files.writeString(draft, SigningKeys.toPem(pair.getPrivate()) + SigningKeys.toPem(pair.getPublic()));
            // A hard link appears atomically and fails if the name exists (a rename would replace it): if another
            // process got there first, its key stands and is the one read.
            Files.createLink(keyFile, draft);
            log.info("Generated a new Ed25519 audit signing key at {}", keyFile);
        } catch (FileAlreadyExistsException e) {
            log.debug("{} was created meanwhile; using it", keyFile);
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
