package dev.twinledger.support.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the decoder that checks signature (issuer's JWK set), issuer, expiry/not-before and audience. */
public final class TokenDecoders {

    private TokenDecoders() {
    }

    /**
     * A decoder for the given settings. Keys are fetched lazily on the first request, so a service starts while
     * Keycloak is still starting, and answers 401 until keys can be had.
     */
    public static JwtDecoder forProperties(TwinledgerSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()),
                new AudienceValidator(properties.audience())));
        return decoder;
    }
}
