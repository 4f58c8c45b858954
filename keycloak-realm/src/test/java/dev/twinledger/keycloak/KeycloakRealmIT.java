package dev.twinledger.keycloak;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real server with the real realm file and checks what the services rely on in tokens. */
class KeycloakRealmIT {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        long started = System.nanoTime();
        keycloak = KeycloakServer.start(freePort(), target.resolve("keycloak-it-data"),
                target.resolve("keycloak-it.log"));
        System.out.printf("Keycloak started in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
            assertThat(keycloak.isRunning()).isFalse();
        }
    }

    @Test
    void operatorTokenCarriesIssuerAudienceRoleAndUsername() {
        Map<String, Object> claims = KeycloakServer.decodeClaims(keycloak.passwordToken("operator", "operator"));

        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUri());
        assertThat(keycloak.issuerUri()).isEqualTo("http://localhost:" + keycloak.port() + "/realms/twinledger");
        assertThat(audience(claims)).contains(KeycloakServer.API_AUDIENCE);
        assertThat(realmRoles(claims)).contains("operator");
        assertThat(claims.get("preferred_username")).isEqualTo("operator");
    }

    @Test
    void everyTestUserLogsInWithExactlyItsRole() {
        for (String role : List.of("viewer", "operator", "platform-admin", "access-admin", "auditor")) {
            List<String> roles = realmRoles(KeycloakServer.decodeClaims(keycloak.passwordToken(role, role)));
            assertThat(roles).as(role).contains(role)
                    .doesNotContainAnyElementsOf(List.of("viewer", "operator", "platform-admin", "access-admin",
                            "auditor").stream().filter(r -> !r.equals(role)).toList());
        }
        List<String> noroleRoles = realmRoles(KeycloakServer.decodeClaims(keycloak.passwordToken("norole", "norole")));
        assertThat(noroleRoles).doesNotContain("viewer", "operator", "platform-admin", "access-admin", "auditor");
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> keycloak.passwordToken("operator", "not-the-password"))
                .isInstanceOfSatisfying(TokenRequestException.class, e -> {
                    // OAuth 2.0 says 400 invalid_grant; Keycloak before 26 answered 401.
                    assertThat(e.status()).isIn(400, 401);
                    assertThat(e.responseBody()).contains("invalid_grant");
                });
    }

    @Test
    void automationServiceAccountIsAnOperatorForTheApi() {
        Map<String, Object> claims = KeycloakServer.decodeClaims(keycloak.clientCredentialsToken(
                KeycloakServer.AUTOMATION_CLIENT_ID, KeycloakServer.AUTOMATION_CLIENT_SECRET));

        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUri());
        assertThat(audience(claims)).contains(KeycloakServer.API_AUDIENCE);
        assertThat(realmRoles(claims)).contains("operator");
        assertThat(claims.get("azp")).isEqualTo(KeycloakServer.AUTOMATION_CLIENT_ID);
    }

    @Test
    void automationClientRejectsAWrongSecret() {
        assertThatThrownBy(() -> keycloak.clientCredentialsToken(KeycloakServer.AUTOMATION_CLIENT_ID, "wrong"))
                .isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void directorySyncServiceAccountMayManageUsersAndGroupsButNotCallTheApi() {
        Map<String, Object> claims = KeycloakServer.decodeClaims(keycloak.clientCredentialsToken(
                KeycloakServer.DIRECTORY_SYNC_CLIENT_ID, KeycloakServer.DIRECTORY_SYNC_CLIENT_SECRET));

        assertThat(clientRoles(claims, "realm-management"))
                .containsExactlyInAnyOrder("query-groups", "view-users", "query-users", "manage-users");
        assertThat(audience(claims)).doesNotContain(KeycloakServer.API_AUDIENCE);
        assertThat(realmRoles(claims)).doesNotContain("viewer", "operator", "platform-admin", "access-admin",
                "auditor");
    }

    @SuppressWarnings("unchecked")
    private static List<String> clientRoles(Map<String, Object> claims, String client) {
        Map<String, Object> access = (Map<String, Object>) claims.get("resource_access");
        return (List<String>) ((Map<String, Object>) access.get(client)).get("roles");
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(Map<String, Object> claims) {
        return (List<String>) ((Map<String, Object>) claims.get("realm_access")).get("roles");
    }

    @SuppressWarnings("unchecked")
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? (List<String>) list : List.of((String) aud);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
