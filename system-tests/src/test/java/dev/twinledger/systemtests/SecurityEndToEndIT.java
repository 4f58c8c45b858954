package dev.twinledger.systemtests;

import dev.twinledger.systemtests.support.Estate;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Real Keycloak tokens against both services: 200 with the right role, 401 without a valid token, 403 without the role. */
@ExtendWith(SystemStackExtension.class)
class SecurityEndToEndIT {

    @Test
    void requestWithoutTokenIs401OnBothServices(SystemStack stack) {
        var command = stack.commandApi().post("/api/vms", null, "{}");
        var query = stack.queryApi().get("/api/vms", null);

        for (var response : java.util.List.of(command, query)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void forgedOrTamperedTokenIs401(SystemStack stack) {
        String real = stack.tokenFor("operator");
        String[] parts = real.split("\\.");
        // Same header and payload, someone else's signature: the signature check must refuse it.
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(stack.queryApi().get("/api/vms", tampered).status()).isEqualTo(401);
        assertThat(stack.queryApi().get("/api/vms", "not-a-jwt").status()).isEqualTo(401);
    }

    @Test
    void viewerMayReadButNotProvision(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String viewer = stack.tokenFor("viewer");

        var provision = stack.commandApi().post("/api/vms", viewer, estate.vm("v", estate.project("p")));
        assertThat(provision.status()).isEqualTo(403);
        assertThat(provision.contentType()).startsWith("application/problem+json");
        assertThat(provision.body().get("detail").asText()).contains("operator");

        assertThat(stack.queryApi().get("/api/vms", viewer).status()).isEqualTo(200);
    }

    @Test
    void operatorMayNotRegisterSites(SystemStack stack) {
        var response = stack.commandApi().post("/api/sites", stack.tokenFor("operator"),
                java.util.Map.of("id", "dc9", "name", "Nine", "platform", "VMWARE"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().get("detail").asText()).contains("platform-admin");
    }

    @Test
    void userWithoutRealmRoleIsRefusedEverywhere(SystemStack stack) {
        String nobody = stack.tokenFor("norole");

        assertThat(stack.queryApi().get("/api/vms", nobody).status()).isEqualTo(403);
        assertThat(stack.queryApi().get("/api/sites", nobody).status()).isEqualTo(403);
    }
}
