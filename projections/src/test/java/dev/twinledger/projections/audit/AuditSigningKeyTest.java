package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditSigningKeyTest {

    @TempDir
    Path directory;

    @Test
    void a_missing_key_is_generated_once_and_read_back_the_same() throws Exception {
        Path file = directory.resolve("keys/audit.pem");

        CheckpointSigner first = AuditSigningKey.load(file, true);
        CheckpointSigner again = AuditSigningKey.load(file, true);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AuditCheckpoint checkpoint = again.sign(1, 1, AuditHashes.GENESIS, Instant.now());
        assertThat(CheckpointSigner.verify(checkpoint, first.publicKey())).isTrue();
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void a_missing_key_without_generation_is_a_clear_error() {
        assertThatThrownBy(() -> AuditSigningKey.load(directory.resolve("absent.pem"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
    }

    @Test
    void an_openssl_style_rsa_key_alone_and_an_ed25519_key_with_its_pub_file_are_read() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        Path rsaFile = directory.resolve("rsa.pem");
        Files.writeString(rsaFile, SigningKeys.toPem(rsaPair.getPrivate()));
        KeyPair edPair = SigningKeys.generateEd25519();
        Path edFile = directory.resolve("ed.pem");
        Files.writeString(edFile, SigningKeys.toPem(edPair.getPrivate()));
        Files.writeString(AuditSigningKey.publicKeyFileOf(edFile), SigningKeys.toPem(edPair.getPublic()));

        assertThat(AuditSigningKey.load(rsaFile, false).keyId()).isEqualTo(SigningKeys.keyId(rsaPair.getPublic()));
        assertThat(AuditSigningKey.load(edFile, false).keyId()).isEqualTo(SigningKeys.keyId(edPair.getPublic()));
    }
}
