package dev.twinledger.auditformat;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Keys for checkpoint signatures, in the JDK's own algorithms: Ed25519 (the default) or RSA. Keys travel as PEM:
 * a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), a public key as X.509 SubjectPublicKeyInfo
 * ({@code BEGIN PUBLIC KEY}), which is what {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * write.
 */
public final class SigningKeys {

    private static final List<String> KEY_ALGORITHMS = List.of("Ed25519", "RSA");

    private SigningKeys() {
    }

    /** A new Ed25519 key pair. */
    public static KeyPair generateEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The signature algorithm for a key: {@code Ed25519} for Ed25519 (or EdDSA) keys, {@code SHA256withRSA} for RSA. */
    public static String signatureAlgorithm(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm()
                    + "; use Ed25519 or RSA");
        };
    }

    /** A short, stable id for a public key: {@code sha256:} and the first 16 bytes of SHA-256 of its encoding, hex. */
    public static String keyId(PublicKey key) {
        byte[] digest = AuditHashes.sha256().digest(key.getEncoded());
        return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Reads a PKCS#8 PEM private key, Ed25519 or RSA. */
    public static PrivateKey readPrivateKey(String pem) {
        byte[] der = derOf(pem, "PRIVATE KEY");
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("the private key is neither an Ed25519 nor an RSA PKCS#8 key");
    }

    /** Reads an X.509 PEM public key, Ed25519 or RSA. */
    public static PublicKey readPublicKey(String pem) {
        byte[] der = derOf(pem, "PUBLIC KEY");
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("the public key is neither an Ed25519 nor an RSA X.509 key");
    }

    /**
     * The public half of a private key: for Ed25519 it cannot be derived with the JDK's public API, so it must be
     * given; for RSA it is derived from the CRT key.
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            try {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot derive the RSA public key", e);
            }
        }
        throw new IllegalArgumentException("the public key of a " + key.getAlgorithm() + " private key must be given");
    }

    /** A key as PEM text with 64-character lines. */
    public static String toPem(java.security.Key key) {
        String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] derOf(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + label + " (expected " + begin + " ... " + end + ")");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM " + label + " is not valid base64", e);
        }
    }
}
