package dev.twinledger.projections.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The audit chain's settings ({@code twinledger.audit.*}).
 *
 * @param signingKeyFile        PKCS#8 PEM private key checkpoints are signed with (Ed25519 or RSA), its public key
 *                              beside it with {@code .pub} appended; default {@code twinledger-audit-key.pem} in the
 *                              working directory
 * @param generateKeyIfMissing  whether to create an Ed25519 pair there when no key exists; default true
 * @param trustedPublicKeyFiles public keys (PEM) of earlier signing keys whose checkpoints still count; default none
 * @param sealInterval          how often the sealer looks for sealable records; default 500 ms
 * @param sealBatchSize         records sealed per transaction; default 2000
 * @param checkpointEvery       records between checkpoints; default 1000
 * @param checkpointInterval    longest time a sealed record waits for a checkpoint; default 10 s
 * @param sealing               whether this instance seals and signs at all; default true
 */
@ConfigurationProperties("twinledger.audit")
public record AuditProperties(Path signingKeyFile, Boolean generateKeyIfMissing, List<Path> trustedPublicKeyFiles,
                              Duration sealInterval, Integer sealBatchSize, Long checkpointEvery,
                              Duration checkpointInterval, Boolean sealing) {

    /** Fills in the defaults. */
    public AuditProperties {
        signingKeyFile = signingKeyFile == null ? Path.of("twinledger-audit-key.pem") : signingKeyFile;
        generateKeyIfMissing = generateKeyIfMissing == null || generateKeyIfMissing;
        trustedPublicKeyFiles = trustedPublicKeyFiles == null ? List.of() : List.copyOf(trustedPublicKeyFiles);
        sealInterval = sealInterval == null ? Duration.ofMillis(500) : sealInterval;
        sealBatchSize = sealBatchSize == null || sealBatchSize < 1 ? 2000 : sealBatchSize;
        checkpointEvery = checkpointEvery == null || checkpointEvery < 1 ? 1000 : checkpointEvery;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
        sealing = sealing == null || sealing;
    }
}
