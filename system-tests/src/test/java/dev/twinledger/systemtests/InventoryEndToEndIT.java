package dev.twinledger.systemtests;

import dev.twinledger.systemtests.support.Estate;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new user's path: token from Keycloak, provision through the command API, read it back from the query API. */
@ExtendWith(SystemStackExtension.class)
class InventoryEndToEndIT {

    @Test
    void provisionedVmIsQueryableAtOnceWithItsPosition(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String tenders = estate.project("tenders");
        String operator = stack.tokenFor("operator");

        var provisioned = stack.commandApi().post("/api/vms", operator, estate.vm("web-1", tenders));

        assertThat(provisioned.status()).isEqualTo(201);
        String vmId = provisioned.body().get("id").asText();
        long position = provisioned.body().get("position").asLong();
        assertThat(vmId).isNotBlank();
        assertThat(position).isPositive();

        var vm = stack.queryApi().get("/api/vms/" + vmId + "?minPosition=" + position, operator);
        assertThat(vm.status()).as("%s", vm.body()).isEqualTo(200);
        assertThat(vm.body().get("name").asText()).isEqualTo("web-1");
        assertThat(vm.body().get("siteId").asText()).isEqualTo(estate.siteId);
        assertThat(vm.body().get("hostId").asText()).isEqualTo(estate.hostId);
        assertThat(vm.body().get("state").asText()).isEqualTo("ACTIVE");

        var list = stack.queryApi().get("/api/vms?site=" + estate.siteId + "&project=" + tenders
                + "&environment=PROD", stack.tokenFor("viewer"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("totalItems").asLong()).isEqualTo(1);
        assertThat(list.body().get("items").get(0).get("id").asText()).isEqualTo(vmId);
    }

    @Test
    void decommissionedVmShowsItsStateAndRefusesAnotherDecommission(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String operator = stack.tokenFor("operator");
        String vmId = stack.commandApi().post("/api/vms", operator, estate.vm("db-1", estate.project("tenders")))
                .body().get("id").asText();

        var decommissioned = stack.commandApi().post("/api/vms/" + vmId + "/decommission", operator, null);
        assertThat(decommissioned.status()).isEqualTo(200);
        long position = decommissioned.body().get("position").asLong();

        var vm = stack.queryApi().get("/api/vms/" + vmId + "?minPosition=" + position, operator);
        assertThat(vm.body().get("state").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(vm.body().get("decommissionedAt").isNull()).isFalse();

        var again = stack.commandApi().post("/api/vms/" + vmId + "/decommission", operator, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void sitesAndHostsAreListed(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String viewer = stack.tokenFor("viewer");
        String project = estate.project("p");
        long position = stack.commandApi().post("/api/vms", stack.tokenFor("operator"), estate.vm("x", project))
                .body().get("position").asLong();

        var site = stack.queryApi().get("/api/sites/" + estate.siteId + "?minPosition=" + position, viewer);
        assertThat(site.status()).isEqualTo(200);
        assertThat(site.body().get("platform").asText()).isEqualTo("OPENSTACK");

        var hosts = stack.queryApi().get("/api/hosts?site=" + estate.siteId, viewer);
        assertThat(hosts.body().get("totalItems").asLong()).isEqualTo(1);
        assertThat(hosts.body().get("items").get(0).get("id").asText()).isEqualTo(estate.hostId);
        assertThat(hosts.body().get("items").get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void automationClientProvisionsWithItsServiceAccount(SystemStack stack) {
        Estate estate = Estate.create(stack);

        var provisioned = stack.commandApi().post("/api/vms", stack.automationToken(),
                estate.vm("batch-1", estate.project("ops")));

        assertThat(provisioned.status()).as("%s", provisioned.body()).isEqualTo(201);
    }

    @Test
    void brokenInvariantsAreProblemsAndWriteNothing(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String project = estate.project("p");
        String operator = stack.tokenFor("operator");
        String admin = stack.tokenFor("platform-admin");

        Map<String, Object> unknownHost = new HashMap<>(estate.vm("x", project));
        unknownHost.put("hostId", "no-such-host");
        var refused = stack.commandApi().post("/api/vms", operator, unknownHost);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asText()).contains("no-such-host");

        var unregisteredProject = stack.commandApi().post("/api/vms", operator, estate.vm("y", "no-such-project"));
        assertThat(unregisteredProject.status()).isEqualTo(422);
        assertThat(unregisteredProject.body().get("detail").asText()).contains("no-such-project");

        var duplicateSite = stack.commandApi().post("/api/sites", admin,
                Map.of("id", estate.siteId, "name", "again", "platform", "VMWARE"));
        assertThat(duplicateSite.status()).isEqualTo(409);

        var invalid = stack.commandApi().post("/api/vms", operator,
                Map.of("name", "", "siteId", estate.siteId, "hostId", estate.hostId, "project", project,
                        "environment", "PRODUCTION", "vcpus", 1, "memoryMib", 1));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").toString()).contains("environment");

        var list = stack.queryApi().get("/api/vms?site=" + estate.siteId, operator);
        assertThat(list.body().get("totalItems").asLong()).as("refused commands stored nothing").isZero();
    }
}
