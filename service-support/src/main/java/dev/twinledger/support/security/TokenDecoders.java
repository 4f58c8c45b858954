package dev.twinledger.support.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;

/**
 * Builds the decoder that checks signature (issuer's JWK set), issuer, expiry/not-before and audience. A verified
 * token is remembered (see {@link CachingJwtDecoder}), its claims checked again on every request.
 */
public final class TokenDecoders {

    /** Far more distinct live tokens than a service sees; each entry is a few kilobytes. */
    static final long CACHED_TOKENS = 10_000;
    /** Re-verify a remembered token's signature at least this often, so a withdrawn signing key stops counting. */
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private TokenDecoders() {
    }

    /**
     * A decoder for the given settings. Keys are fetched lazily on the first request, so a service starts while
     * Keycloak is still starting, and answers 401 until keys can be had.
     */
    public static JwtDecoder forProperties(TwinledgerSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()),
                new AudienceValidator(properties.audience()));
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator, CACHED_TOKENS, CACHED_FOR);
    }
}
