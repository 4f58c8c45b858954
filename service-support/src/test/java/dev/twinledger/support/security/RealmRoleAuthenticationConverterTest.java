package dev.twinledger.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealmRoleAuthenticationConverterTest {

    private final RealmRoleAuthenticationConverter converter = new RealmRoleAuthenticationConverter(Roles.hierarchy());

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("sub-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private List<String> authoritiesOf(Jwt jwt) {
        return converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void platformAdminHoldsEveryRightOfOperatorAndViewer() {
        var jwt = token(Map.of("realm_access", Map.of("roles", List.of("platform-admin"))));

        assertThat(authoritiesOf(jwt)).contains("ROLE_platform-admin", "ROLE_operator", "ROLE_viewer")
                .doesNotContain("ROLE_access-admin", "ROLE_auditor");
    }

    @Test
    void viewerDoesNotGainOperator() {
        var jwt = token(Map.of("realm_access", Map.of("roles", List.of("viewer"))));

        assertThat(authoritiesOf(jwt)).containsExactly("ROLE_viewer");
    }

    @Test
    void auditorAndAccessAdminRead() {
        assertThat(authoritiesOf(token(Map.of("realm_access", Map.of("roles", List.of("auditor"))))))
                .contains("ROLE_viewer").doesNotContain("ROLE_operator");
        assertThat(authoritiesOf(token(Map.of("realm_access", Map.of("roles", List.of("access-admin"))))))
                .contains("ROLE_viewer").doesNotContain("ROLE_operator");
    }

    @Test
    void tokenWithoutRealmRolesHasNoAuthorities() {
        assertThat(authoritiesOf(token(Map.of("scope", "profile")))).isEmpty();
    }

    @Test
    void nameIsTheSubject() {
        var jwt = token(Map.of("preferred_username", "operator"));

        assertThat(converter.convert(jwt).getName()).isEqualTo("sub-1");
        assertThat(Caller.of(converter.convert(jwt))).isEqualTo(new Caller("sub-1", "operator"));
    }
}
