package dev.twinledger.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(ISSUED);
    private final OAuth2TokenValidator<Jwt> timestamps = timestampValidator(clock);
    /** Stands in for signature verification: counts calls, knows a fixed set of tokens, validates like Nimbus. */
    private final CountingDecoder verifying = new CountingDecoder(timestamps);
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifying, timestamps, 100, Duration.ofMinutes(5));

    @Test
    void verifiesTheSameTokenOnlyOnce() {
        verifying.knows("token-a", "alice", ISSUED.plusSeconds(300));

        Jwt first = decoder.decode("token-a");
        Jwt second = decoder.decode("token-a");

        assertThat(second).isSameAs(first);
        assertThat(verifying.calls.get()).isEqualTo(1);
    }

    @Test
    void refusesAnExpiredTokenEvenWhileItIsCached() {
        verifying.knows("token-a", "alice", ISSUED.plusSeconds(300));
        decoder.decode("token-a");

        clock.now = ISSUED.plusSeconds(300 + 61); // past exp and the default 60 s clock skew

        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(JwtValidationException.class);
        // Dropped from the cache: the next attempt goes to the verifying decoder again, which refuses it too.
        assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(JwtValidationException.class);
        assertThat(verifying.calls.get()).isEqualTo(2);
    }

    @Test
    void aDifferentTokenIsNeverServedFromTheCache() {
        verifying.knows("token-a", "alice", ISSUED.plusSeconds(300));
        verifying.knows("token-b", "bob", ISSUED.plusSeconds(300));

        assertThat(decoder.decode("token-a").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("token-b").getSubject()).isEqualTo("bob");
        assertThat(verifying.calls.get()).isEqualTo(2);
    }

    @Test
    void aTokenThatFailsVerificationIsNotCached() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(JwtException.class);
        assertThat(verifying.calls.get()).isEqualTo(2);
    }

    private static OAuth2TokenValidator<Jwt> timestampValidator(Clock clock) {
        JwtTimestampValidator validator = new JwtTimestampValidator();
        validator.setClock(clock);
        return validator;
    }

    private static final class CountingDecoder implements JwtDecoder {
        private final OAuth2TokenValidator<Jwt> validator;
        private final Map<String, Jwt> known = new HashMap<>();
        private final AtomicInteger calls = new AtomicInteger();

        CountingDecoder(OAuth2TokenValidator<Jwt> validator) {
            this.validator = validator;
        }

        void knows(String token, String subject, Instant expiresAt) {
            known.put(token, Jwt.withTokenValue(token).header("alg", "RS256").subject(subject)
                    .issuedAt(ISSUED).expiresAt(expiresAt).build());
        }

        @Override
        public Jwt decode(String token) {
            calls.incrementAndGet();
            Jwt jwt = known.get(token);
            if (jwt == null) {
                throw new JwtException("bad signature");
            }
            var result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("invalid", result.getErrors());
            }
            return jwt;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
