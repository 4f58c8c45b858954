package dev.twinledger.commandside.storage.web;

import dev.twinledger.api.storage.ChangeReplicaPolicy;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReportReplicaStatus;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Set;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The container endpoints with the real security chain and error advice, the command sender mocked. */
@WebMvcTest(controllers = ContainerCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class ContainerCommandControllerTest {

    private static final String CONTAINER = """
            {"id": "ctr-1", "name": "tender-docs", "project": "eproc", "replicaSiteIds": ["dc1", "dc2"]}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 11));
    }

    @Test
    void operatorCreatesAContainerAndGets201WithIdAndPosition() throws Exception {
        mvc.perform(json(post("/api/containers"), CONTAINER).with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("ctr-1"))
                .andExpect(jsonPath("$.position").value(11));

        verify(commands).send(eq(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of("dc1", "dc2"))),
                eq("ctr-1"), any());
    }

    @Test
    void aContainerWithoutIdGetsAGeneratedUuid() throws Exception {
        mvc.perform(json(post("/api/containers"), CONTAINER.replace("\"id\": \"ctr-1\",", ""))
                        .with(withRealmRole("operator")))
                .andExpect(status().isCreated());

        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        ArgumentCaptor<String> id = ArgumentCaptor.forClass(String.class);
        verify(commands).send(command.capture(), id.capture(), any());
        assertThat(id.getValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(((CreateContainer) command.getValue()).containerId()).isEqualTo(id.getValue());
    }

    @Test
    void aRepeatedSiteCountsOnce() throws Exception {
        mvc.perform(json(post("/api/containers"), CONTAINER.replace("[\"dc1\", \"dc2\"]", "[\"dc1\", \"dc1\"]"))
                        .with(withRealmRole("operator")))
                .andExpect(status().isCreated());

        verify(commands).send(eq(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of("dc1"))), eq("ctr-1"),
                any());
    }

    @Test
    void changingThePolicyIsAPutOfTheWholeSet() throws Exception {
        mvc.perform(json(put("/api/containers/ctr-1/replica-policy"), """
                        {"replicaSiteIds": ["dc2", "dc3"]}""").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("ctr-1"));

        verify(commands).send(eq(new ChangeReplicaPolicy("ctr-1", Set.of("dc2", "dc3"))), eq("ctr-1"), any());
    }

    @Test
    void aStatusReportNamesTheContainerAndTheSiteInThePath() throws Exception {
        mvc.perform(json(post("/api/containers/ctr-1/replicas/dc2/status"), """
                        {"status": "LAGGING", "detail": "1240 objects behind"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.position").value(11));

        verify(commands).send(eq(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.LAGGING,
                "1240 objects behind")), eq("ctr-1"), any());
    }

    @Test
    void anEmptyPolicyIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(put("/api/containers/ctr-1/replica-policy"), """
                {"replicaSiteIds": []}""").with(withRealmRole("operator"))), "replicaSiteIds");
    }

    @Test
    void aMalformedSiteInThePolicyIs400NamingItsPosition() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers"), CONTAINER.replace("\"dc2\"", "\"dc 2\""))
                .with(withRealmRole("operator"))), "replicaSiteIds[1]");
    }

    @Test
    void aNameWithASlashIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers"), CONTAINER.replace("tender-docs", "tender/docs"))
                .with(withRealmRole("operator"))), "name");
    }

    @Test
    void aMissingProjectIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers"), CONTAINER.replace("\"project\": \"eproc\",", ""))
                .with(withRealmRole("operator"))), "project");
    }

    @Test
    void anUnknownStatusValueIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers/ctr-1/replicas/dc1/status"), """
                {"status": "SYNCED"}""").with(withRealmRole("operator"))), "status");
    }

    @Test
    void aMissingStatusIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers/ctr-1/replicas/dc1/status"), """
                {"detail": "fine"}""").with(withRealmRole("operator"))), "status");
    }

    @Test
    void aDetailOver500CharactersIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/containers/ctr-1/replicas/dc1/status"), """
                {"status": "LAGGING", "detail": "%s"}""".formatted("x".repeat(501)))
                .with(withRealmRole("operator"))), "detail");
    }

    @Test
    void aMalformedSiteInThePathIs400() throws Exception {
        mvc.perform(json(post("/api/containers/ctr-1/replicas/-dc1/status"), """
                        {"status": "IN_SYNC"}""").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aViewerMayNotChangeContainers() throws Exception {
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                json(post("/api/containers"), CONTAINER),
                json(put("/api/containers/ctr-1/replica-policy"), "{\"replicaSiteIds\": [\"dc1\"]}"),
                json(post("/api/containers/ctr-1/replicas/dc1/status"), "{\"status\": \"IN_SYNC\"}")}) {
            mvc.perform(request.with(withRealmRole("viewer")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(containsString("operator")));
        }
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void withoutATokenIs401() throws Exception {
        mvc.perform(json(post("/api/containers/ctr-1/replicas/dc1/status"), "{\"status\": \"IN_SYNC\"}"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).send(any(), anyString(), any());
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void expectInvalid(ResultActions result, String field) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
        verify(commands, never()).send(any(), anyString(), any());
    }
}
