package dev.twinledger.commandside.support;

import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import dev.twinledger.support.security.Roles;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** Tokens shaped like Keycloak's: realm roles in {@code realm_access.roles}, mapped by the shared converter. */
public final class Tokens {

    private Tokens() {
    }

    /** A caller with one realm role; subject {@code subject-<role>}, username {@code user-<role>}. */
    public static JwtRequestPostProcessor withRealmRole(String role) {
        return token("subject-" + role, "user-" + role, role);
    }

    /**
     * A caller named {@code username} with the given realm roles (none is fine: access commands need only a valid
     * token); subject {@code subject-<username>}.
     */
    public static JwtRequestPostProcessor asUser(String username, String... realmRoles) {
        return token("subject-" + username, username, realmRoles);
    }

    private static JwtRequestPostProcessor token(String subject, String username, String... realmRoles) {
        RealmRoleAuthenticationConverter converter = new RealmRoleAuthenticationConverter(Roles.hierarchy());
        return jwt()
                .jwt(token -> token.subject(subject)
                        .claim("preferred_username", username)
                        .claim("realm_access", Map.of("roles", List.of(realmRoles))))
                .authorities(token -> converter.convert(token).getAuthorities());
    }

    /** A caller named {@code username} (subject {@code subject-<username>}) holding one realm role. */
    public static JwtRequestPostProcessor as(String username, String role) {
        RealmRoleAuthenticationConverter converter = new RealmRoleAuthenticationConverter(Roles.hierarchy());
        return jwt()
                .jwt(token -> token.subject("subject-" + username)
                        .claim("preferred_username", username)
                        .claim("realm_access", Map.of("roles", List.of(role))))
                .authorities(token -> converter.convert(token).getAuthorities());
    }
}
