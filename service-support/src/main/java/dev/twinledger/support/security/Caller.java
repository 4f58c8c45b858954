package dev.twinledger.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who made a request, as recorded on events and in logs.
 *
 * @param subject  the token subject ({@code sub}), never null
 * @param username {@code preferred_username}, or the subject when the token has none
 */
public record Caller(String subject, String username) {

    /** The caller behind an authenticated bearer-token request. */
    public static Caller of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            String subject = token.getToken().getSubject();
            String username = token.getToken().getClaimAsString("preferred_username");
            return new Caller(subject, username == null ? subject : username);
        }
        String name = authentication == null ? "anonymous" : authentication.getName();
        return new Caller(name, name);
    }
}
