package dev.twinledger.commandside.campaign.web;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.campaign.CreateUpgradeCampaign;
import dev.twinledger.api.campaign.PauseUpgradeCampaign;
import dev.twinledger.api.campaign.ResumeUpgradeCampaign;
import dev.twinledger.api.campaign.StartUpgradeCampaign;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import dev.twinledger.support.web.ApiException;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The campaign endpoints with the real security chain and error advice, and the command sender mocked: what each
 * request becomes, the defaults, 400 naming each bad field, and who may call.
 */
@WebMvcTest(controllers = CampaignCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class CampaignCommandControllerTest {

    private static final String CAMPAIGN = """
            {"id": "c-2021", "name": "Upgrade 2021", "siteId": "dc1", "hostIds": ["h1", "h2"],
             "temporaryHostIds": ["t1"], "targetVersion": "2021.2", "maxAttempts": 5,
             "migrationTimeoutSeconds": 600}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 42));
    }

    @Test
    void platformAdminCreatingACampaignGets201WithIdAndPosition() throws Exception {
        mvc.perform(json(post("/api/campaigns"), CAMPAIGN).with(withRealmRole("platform-admin"))
                        .header("X-Reason", "annual upgrade"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("c-2021"))
                .andExpect(jsonPath("$.position").value(42));

        ArgumentCaptor<MetaData> metadata = ArgumentCaptor.forClass(MetaData.class);
        verify(commands).send(eq(new CreateUpgradeCampaign("c-2021", "Upgrade 2021", "dc1", List.of("h1", "h2"),
                List.of("t1"), "2021.2", 5, 600)), eq("c-2021"), metadata.capture());
        assertThat(metadata.getValue()).containsEntry(EventMetadata.ACTOR_USERNAME, "user-platform-admin")
                .containsEntry(EventMetadata.REASON, "annual upgrade");
    }

    @Test
    void omittedFieldsTakeTheirDefaults() throws Exception {
        mvc.perform(json(post("/api/campaigns"), """
                        {"name": "Upgrade", "siteId": "dc1", "hostIds": ["h1"], "targetVersion": "2021.2"}""")
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(matchesPattern(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));

        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).send(command.capture(), anyString(), any());
        CreateUpgradeCampaign create = (CreateUpgradeCampaign) command.getValue();
        assertThat(create.temporaryHostIds()).isEmpty();
        assertThat(create.maxAttempts()).isEqualTo(3);
        assertThat(create.migrationTimeoutSeconds()).isEqualTo(1800);
    }

    @Test
    void startPauseAndResumeAnswer200() throws Exception {
        mvc.perform(post("/api/campaigns/c-2021/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("c-2021"));
        mvc.perform(json(post("/api/campaigns/c-2021/pause"), """
                        {"reason": "tender deadline"}""").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/campaigns/c-2021/pause").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/campaigns/c-2021/resume").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.position").value(42));

        verify(commands).send(eq(new StartUpgradeCampaign("c-2021")), eq("c-2021"), any());
        verify(commands).send(eq(new PauseUpgradeCampaign("c-2021", "tender deadline")), eq("c-2021"), any());
        verify(commands).send(eq(new PauseUpgradeCampaign("c-2021", null)), eq("c-2021"), any());
        verify(commands).send(eq(new ResumeUpgradeCampaign("c-2021")), eq("c-2021"), any());
    }

    @Test
    void aRefusalIsAnsweredWithItsStatusAndMessage() throws Exception {
        when(commands.send(any(), anyString(), any()))
                .thenThrow(ApiException.conflict("campaign 'c-2021' is RUNNING; only a CREATED campaign can be started"));
        mvc.perform(post("/api/campaigns/c-2021/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("is RUNNING")));
    }

    @Test
    void missingHostsAre400NamingTheField() throws Exception {
        expectInvalid(CAMPAIGN.replace("[\"h1\", \"h2\"]", "[]"), "hostIds");
        expectInvalid(CAMPAIGN.replace("\"hostIds\": [\"h1\", \"h2\"],", ""), "hostIds");
    }

    @Test
    void aBadHostIdIs400NamingTheElement() throws Exception {
        expectInvalid(CAMPAIGN.replace("\"h2\"", "\"h 2\""), "hostIds[1]");
        expectInvalid(CAMPAIGN.replace("\"t1\"", "\"-t1\""), "temporaryHostIds[0]");
    }

    @Test
    void attemptsAndTimeoutOutOfRangeAre400NamingTheField() throws Exception {
        expectInvalid(CAMPAIGN.replace("\"maxAttempts\": 5", "\"maxAttempts\": 11"), "maxAttempts");
        expectInvalid(CAMPAIGN.replace("\"maxAttempts\": 5", "\"maxAttempts\": 0"), "maxAttempts");
        expectInvalid(CAMPAIGN.replace("600", "0"), "migrationTimeoutSeconds");
    }

    @Test
    void blankNameVersionAndMissingSiteAre400NamingEachField() throws Exception {
        mvc.perform(json(post("/api/campaigns"), CAMPAIGN.replace("\"Upgrade 2021\"", "\" \"")
                        .replace("\"2021.2\"", "\"\"").replace("\"siteId\": \"dc1\",", ""))
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("targetVersion")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("siteId")));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aTooLongPauseReasonIs400() throws Exception {
        mvc.perform(json(post("/api/campaigns/c-2021/pause"), "{\"reason\": \"" + "r".repeat(501) + "\"}")
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("reason")));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aBadPathIdIs400() throws Exception {
        mvc.perform(post("/api/campaigns/.c/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isBadRequest());
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void anOperatorMayNotRunCampaigns() throws Exception {
        mvc.perform(json(post("/api/campaigns"), CAMPAIGN).with(withRealmRole("operator")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("platform-admin")));
        mvc.perform(post("/api/campaigns/c-2021/start").with(withRealmRole("operator")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/campaigns/c-2021/pause").with(withRealmRole("operator")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/campaigns/c-2021/resume").with(withRealmRole("operator")))
                .andExpect(status().isForbidden());
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void noTokenIs401() throws Exception {
        mvc.perform(post("/api/campaigns/c-2021/start"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).send(any(), anyString(), any());
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void expectInvalid(String body, String field) throws Exception {
        ResultActions result = mvc.perform(json(post("/api/campaigns"), body).with(withRealmRole("platform-admin")));
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
        verify(commands, never()).send(any(), anyString(), any());
    }
}
