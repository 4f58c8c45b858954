package dev.twinledger.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated Keycloak access token into an authentication whose authorities are {@code ROLE_<realm role>}
 * for every role in {@code realm_access.roles}, expanded through {@link Roles#hierarchy()}. The name is the token
 * subject, which is stable across username changes.
 */
public final class RealmRoleAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final RoleHierarchy hierarchy;

    public RealmRoleAuthenticationConverter(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, hierarchy.getReachableGrantedAuthorities(realmRoles(jwt)), jwt.getSubject());
    }

    private static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .map(String::valueOf)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
