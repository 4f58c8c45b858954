package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinledger.commandside.campaign.CampaignModule;
import dev.twinledger.commandside.campaign.MigrationTimeout;
import dev.twinledger.commandside.campaign.UpgradeCampaignProcess;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A campaign's migration deadline is a row in PostgreSQL, not a timer in memory: set while one instance of the service
 * runs, it fires in the next instance after a restart, reaches the campaign's process restored from the saga table,
 * and the process's reaction is stored. Kafka plays no part here, so the publisher is off.
 *
 * <p>No migration can be requested in this branch yet (the VM's migration commands are built elsewhere), so the test
 * gives the stored process an open migration the way a successful request would, while the service is down.
 */
class DeadlinesSurviveRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String[] SETTINGS = {"--axon.kafka.publisher.enabled=false",
            "--db-scheduler.polling-interval=500ms"};

    private TestDatabase database;
    private RunningCommandSide service;

    @BeforeEach
    void start() {
        database = TestDatabase.create("deadlines");
        service = RunningCommandSide.start(database, "127.0.0.1:1", "it.deadlines", SETTINGS);
    }

    @AfterEach
    void stop() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void aDeadlineSetBeforeARestartFiresAfterItAndReachesTheStoredProcess() throws Exception {
        create(service, "/api/sites", """
                {"id": "s1", "name": "Site one", "platform": "VMWARE"}""");
        create(service, "/api/hosts", """
                {"id": "h1", "siteId": "s1", "name": "hv-1", "cpuCores": 8, "memoryMib": 65536}""");
        create(service, "/api/campaigns", """
                {"id": "c-dl", "name": "Deadline", "siteId": "s1", "hostIds": ["h1"], "targetVersion": "8.0",
                 "migrationTimeoutSeconds": 600}""");
        String sagaId = await().atMost(PATIENCE).until(() -> database.jdbc().queryForList(
                "SELECT saga_id FROM association_value_entry WHERE association_key = 'campaignId'"
                        + " AND association_value = 'c-dl'", String.class), ids -> ids.size() == 1).get(0);

        String deadlineId = service.bean(DeadlineManager.class).schedule(Instant.now().plus(Duration.ofHours(1)),
                CampaignModule.MIGRATION_TIMEOUT, new MigrationTimeout("vm-x", "cm-x", 600),
                new SagaScopeDescriptor(UpgradeCampaignProcess.class.getSimpleName(), sagaId));
        service.close();
        service = null;

        assertThat(database.jdbc().queryForList("SELECT task_instance FROM scheduled_tasks", String.class))
                .containsExactly(deadlineId);
        // While the service is down: the process has that migration open, and its hour passes.
        ObjectNode state = (ObjectNode) JSON.readTree(sagaState(sagaId));
        state.putObject("openMigrations").putObject("cm-x").put("vmId", "vm-x").put("deadlineId", deadlineId);
        database.jdbc().update("UPDATE saga_entry SET serialized_saga = ? WHERE saga_id = ?",
                JSON.writeValueAsBytes(state), sagaId);
        database.jdbc().update("UPDATE scheduled_tasks SET execution_time = now() WHERE task_instance = ?",
                deadlineId);

        service = RunningCommandSide.start(database, "127.0.0.1:1", "it.deadlines", SETTINGS);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(database.jdbc().queryForList("SELECT task_instance FROM scheduled_tasks", String.class))
                    .as("the deadline ran and is gone").isEmpty();
            assertThat(JSON.readTree(sagaState(sagaId)).get("openMigrations").has("cm-x"))
                    .as("the process handled the timeout and no longer waits for the migration").isFalse();
        });
        assertThat(JSON.readTree(sagaState(sagaId)).get("campaignId").asText()).isEqualTo("c-dl");
    }

    private byte[] sagaState(String sagaId) {
        return database.jdbc().queryForObject("SELECT serialized_saga FROM saga_entry WHERE saga_id = ?",
                byte[].class, sagaId);
    }

    private static void create(RunningCommandSide service, String path, String body) throws Exception {
        service.mvc().perform(post(path)
                        .with(withRealmRole("platform-admin")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
    }
}
