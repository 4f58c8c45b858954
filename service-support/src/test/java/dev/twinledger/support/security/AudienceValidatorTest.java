package dev.twinledger.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceValidatorTest {

    private final AudienceValidator validator = new AudienceValidator("twinledger-api");

    private static Jwt withAudience(List<String> audience) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("s").audience(audience)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    @Test
    void tokenForThisApiIsAccepted() {
        assertThat(validator.validate(withAudience(List.of("account", "twinledger-api"))).hasErrors()).isFalse();
    }

    @Test
    void tokenForAnotherAudienceIsRefusedWithAReason() {
        var result = validator.validate(withAudience(List.of("account")));

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getDescription()).contains("twinledger-api"));
    }

    @Test
    void issuerDefaultsDeriveTheKeySetFromTheIssuer() {
        var properties = new TwinledgerSecurityProperties(java.net.URI.create("http://localhost:1/realms/x/"), null, null);

        assertThat(properties.jwkSetUri().toString()).isEqualTo("http://localhost:1/realms/x/protocol/openid-connect/certs");
        assertThat(properties.audience()).isEqualTo("twinledger-api");
    }
}
