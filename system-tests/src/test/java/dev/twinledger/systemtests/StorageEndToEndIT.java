package dev.twinledger.systemtests;

import dev.twinledger.systemtests.support.Estate;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volumes and object-storage containers through the command API with real Keycloak tokens: a volume holds its VM
 * back from decommissioning until detached, and the storage monitoring reports replica status with the automation
 * client's token.
 */
@ExtendWith(SystemStackExtension.class)
class StorageEndToEndIT {

    @Test
    void anAttachedVolumeHoldsItsVmBackUntilDetached(SystemStack stack) {
        Estate estate = Estate.create(stack);
        String project = estate.project("vols");
        String operator = stack.tokenFor("operator");
        String vmId = stack.commandApi().post("/api/vms", operator, estate.vm("db-1", project)).body()
                .get("id").asText();
        var volume = stack.commandApi().post("/api/volumes", operator,
                Map.of("name", "db-data", "siteId", estate.siteId, "project", project, "sizeGib", 100));
        assertThat(volume.status()).as("%s", volume.body()).isEqualTo(201);
        String volumeId = volume.body().get("id").asText();

        assertThat(stack.commandApi().post("/api/volumes/" + volumeId + "/attach", operator, Map.of("vmId", vmId))
                .status()).isEqualTo(200);
        var refused = stack.commandApi().post("/api/vms/" + vmId + "/decommission", operator, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).contains(volumeId);

        assertThat(stack.commandApi().post("/api/volumes/" + volumeId + "/detach", operator, null).status())
                .isEqualTo(200);
        assertThat(stack.commandApi().post("/api/vms/" + vmId + "/decommission", operator, null).status())
                .isEqualTo(200);
        assertThat(stack.commandApi().post("/api/volumes/" + volumeId + "/delete", operator, null).status())
                .isEqualTo(200);
    }

    @Test
    void theStorageMonitoringReportsReplicaStatusWithTheAutomationClient(SystemStack stack) {
        Estate estate = Estate.create(stack);
        var created = stack.commandApi().post("/api/containers", stack.tokenFor("operator"), Map.of(
                "name", "tender-docs", "project", estate.project("docs"), "replicaSiteIds", List.of(estate.siteId)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String status = "/api/containers/" + created.body().get("id").asText() + "/replicas/" + estate.siteId
                + "/status";

        var reported = stack.commandApi().post(status, stack.automationToken(),
                Map.of("status", "LAGGING", "detail", "12 objects behind"));
        assertThat(reported.status()).as("%s", reported.body()).isEqualTo(200);
        assertThat(reported.body().get("position").asLong())
                .isGreaterThan(created.body().get("position").asLong());

        var viewer = stack.commandApi().post(status, stack.tokenFor("viewer"), Map.of("status", "IN_SYNC"));
        assertThat(viewer.status()).isEqualTo(403);
        var unknown = stack.commandApi().post(status, stack.automationToken(), Map.of("status", "UNKNOWN"));
        assertThat(unknown.status()).isEqualTo(422);
    }
}
