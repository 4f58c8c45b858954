package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.migration.CompleteMigration;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.migration.RollBackMigration;
import dev.twinledger.api.migration.StartMigration;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.twinledger.commandside.inventory.web.WebSlice.expectInvalid;
import static dev.twinledger.commandside.inventory.web.WebSlice.json;
import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The migration endpoints, with the real security chain: the answer's id is the migration's. */
@WebMvcTest(controllers = MigrationCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class MigrationCommandControllerTest {

    private static final String BASE = "/api/vms/vm-1/migrations";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 42));
    }

    @Test
    void requestingAMigrationAnswers201WithTheMigrationIdAndPosition() throws Exception {
        mvc.perform(json(post(BASE), """
                        {"targetHostId": "hv-07", "migrationId": "m-1"}""").with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("m-1"))
                .andExpect(jsonPath("$.position").value(42));

        verify(commands).send(eq(new RequestMigration("vm-1", "m-1", "hv-07", null)), eq("vm-1"), any());
    }

    @Test
    void aMigrationWithoutIdGetsAGeneratedUuid() throws Exception {
        String answer = mvc.perform(json(post(BASE), """
                        {"targetHostId": "hv-07"}""").with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(matchesPattern(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")))
                .andReturn().getResponse().getContentAsString();

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).send(sent.capture(), eq("vm-1"), any());
        assertThat(answer).contains(((RequestMigration) sent.getValue()).migrationId());
    }

    @Test
    void aMissingOrMalformedTargetOrIdIs400() throws Exception {
        expectInvalid(mvc.perform(json(post(BASE), "{}").with(withRealmRole("operator"))), "targetHostId");
        expectInvalid(mvc.perform(json(post(BASE), """
                        {"targetHostId": "hv 07", "migrationId": ".m"}""").with(withRealmRole("operator"))),
                org.hamcrest.Matchers.hasItems("targetHostId", "migrationId"));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void theProgressEndpointsSendTheirCommandsAndAnswerTheMigrationId() throws Exception {
        mvc.perform(post(BASE + "/m-1/start").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("m-1"))
                .andExpect(jsonPath("$.position").value(42));
        mvc.perform(json(post(BASE + "/m-1/complete"), """
                        {"newPlatformId": "vm-4711"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(post(BASE + "/m-2/complete").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("m-2"));
        mvc.perform(json(post(BASE + "/m-3/fail"), """
                        {"reason": "target lost storage"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(json(post(BASE + "/m-4/rollback"), """
                        {"reason": "checksum mismatch"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk());

        verify(commands).send(eq(new StartMigration("vm-1", "m-1")), eq("vm-1"), any());
        verify(commands).send(eq(new CompleteMigration("vm-1", "m-1", "vm-4711")), eq("vm-1"), any());
        verify(commands).send(eq(new CompleteMigration("vm-1", "m-2", null)), eq("vm-1"), any());
        verify(commands).send(eq(new FailMigration("vm-1", "m-3", "target lost storage")), eq("vm-1"), any());
        verify(commands).send(eq(new RollBackMigration("vm-1", "m-4", "checksum mismatch")), eq("vm-1"), any());
    }

    @Test
    void failingOrRollingBackWithoutAReasonIs400() throws Exception {
        expectInvalid(mvc.perform(json(post(BASE + "/m-1/fail"), "{}").with(withRealmRole("operator"))), "reason");
        expectInvalid(mvc.perform(json(post(BASE + "/m-1/rollback"), """
                        {"reason": "  "}""").with(withRealmRole("operator"))), "reason");
        expectInvalid(mvc.perform(json(post(BASE + "/m-1/complete"), """
                        {"newPlatformId": ""}""").with(withRealmRole("operator"))), "newPlatformId");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aMalformedMigrationIdInThePathIs400() throws Exception {
        mvc.perform(post(BASE + "/m%201/start").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest());
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aViewerMayNotMigrate() throws Exception {
        mvc.perform(json(post(BASE), """
                        {"targetHostId": "hv-07"}""").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        mvc.perform(post(BASE + "/m-1/start").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        mvc.perform(json(post(BASE + "/m-1/fail"), """
                        {"reason": "x"}""").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        verify(commands, never()).send(any(), anyString(), any());
    }
}
