package dev.twinledger.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Which tokens a service accepts ({@code twinledger.security.*}).
 *
 * @param issuerUri the only issuer accepted ({@code iss} must equal it exactly); the local run's Keycloak by default
 * @param jwkSetUri where the signing keys are fetched; derived from the issuer (Keycloak's layout) when unset
 * @param audience  the audience a token must name in {@code aud}
 */
@ConfigurationProperties("twinledger.security")
public record TwinledgerSecurityProperties(URI issuerUri, URI jwkSetUri, String audience) {

    /** Defaults for the local run. */
    public TwinledgerSecurityProperties {
        if (issuerUri == null) {
            issuerUri = URI.create("http://localhost:18080/realms/twinledger");
        }
        if (jwkSetUri == null) {
            jwkSetUri = URI.create(issuerUri.toString().replaceAll("/+$", "") + "/protocol/openid-connect/certs");
        }
        if (audience == null || audience.isBlank()) {
            audience = "twinledger-api";
        }
    }
}
