package dev.twinledger.commandside.alerting;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a webhook request: {@code sha256=} followed by the lower-case hex HMAC-SHA256, keyed with the
 * subscriber's secret, of {@code <timestamp>.<body>} in UTF-8, where timestamp is the {@code X-Twinledger-Timestamp}
 * header (Unix seconds). Signing the timestamp lets a receiver refuse old requests replayed at it.
 */
public final class WebhookSignature {

    /** The prefix naming the algorithm, so that another one could be added beside it later. */
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@code X-Twinledger-Signature} value for {@code body} sent at {@code timestampSeconds}. */
    public static String sign(byte[] secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; reaching this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
