package dev.twinledger.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;

/**
 * A {@link JwtDecoder} that verifies a token's signature once and remembers the result, keyed by the exact token
 * string.
 *
 * <p>Why: a client sends the same token with every request until it expires, and parsing plus RSA verification was
 * the largest single cost of a command (about a third of the command side's CPU under load). The signature of a given
 * string cannot change, so verifying it again proves nothing new.
 *
 * <p>Contract: a token is served from the cache only when the very same string was decoded (signature checked and
 * {@code validator} passed) before; the cached {@link Jwt} is then checked by {@code validator} again on every hit, so
 * expiry, not-before, issuer and audience are decided per request exactly as without the cache: an expired token is
 * refused even while it is cached (and then dropped from it). A token that fails to decode or validate is never
 * cached. The cache is bounded by {@code maximumSize} entries and an entry lives at most {@code maximumAge} after it
 * was verified, so a token is re-verified against the current key set at that interval at the latest.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifying   decodes and verifies the signature, and runs {@code validator} itself on a miss
     * @param validator   the claim checks (timestamps, issuer, audience) repeated on every cache hit
     * @param maximumSize how many distinct tokens are remembered at most
     * @param maximumAge  how long a verification is trusted at most, whatever the token's own expiry
     */
    public CachingJwtDecoder(JwtDecoder verifying, OAuth2TokenValidator<Jwt> validator, long maximumSize,
                             Duration maximumAge) {
        this.verifying = verifying;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(maximumAge).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached == null) {
            Jwt decoded = verifying.decode(token);
            verified.put(token, decoded);
            return decoded;
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("The token is no longer valid", result.getErrors());
        }
        return cached;
    }
}
