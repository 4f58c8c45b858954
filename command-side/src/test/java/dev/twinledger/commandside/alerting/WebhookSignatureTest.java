package dev.twinledger.commandside.alerting;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final String SECRET = "twinledger-test-secret-0123456789abcdef";
    private static final String BODY = "{\"alertId\":\"h1:1\"}";

    @Test
    void signatureIsTheHexHmacSha256OfTimestampDotBody() throws Exception {
        // Computed here the way a receiver would, independently of the code under test.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal(("1700000000." + BODY).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), 1_700_000_000L, BODY))
                .isEqualTo(expected);
    }

    @Test
    void matchesTheVectorOpensslComputes() {
        // printf '%s' '1700000000.{"alertId":"h1:1"}' | openssl dgst -sha256 -hmac "$SECRET" (the README's recipe)
        assertThat(WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), 1_700_000_000L, BODY))
                .isEqualTo("sha256=ff3f0f124f7618042d2f4160349be58b271cd0414580fe33983cd13839052a65");
    }

    @Test
    void anotherTimestampOrSecretGivesAnotherSignature() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.sign(secret, 1_700_000_001L, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign((SECRET + "x").getBytes(StandardCharsets.UTF_8), 1_700_000_000L, BODY))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(secret, 1_700_000_000L, BODY + " ")).isNotEqualTo(signature);
    }

    @Test
    void nonAsciiBodiesAreSignedAsUtf8() throws Exception {
        String body = "{\"site\":\"Zürich\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal(("42." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), 42, body)).isEqualTo(expected);
    }
}
