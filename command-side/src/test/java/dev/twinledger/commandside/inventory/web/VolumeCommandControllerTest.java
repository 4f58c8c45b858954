package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DeleteVolume;
import dev.twinledger.api.inventory.DetachVolume;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The volume endpoints with the real security chain and error advice, the command sender mocked. */
@WebMvcTest(controllers = VolumeCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class VolumeCommandControllerTest {

    private static final String VOLUME = """
            {"id": "vol-1", "name": "db-data", "siteId": "dc1", "project": "eproc", "sizeGib": 500}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 9));
    }

    @Test
    void operatorCreatesAVolumeAndGets201WithIdAndPosition() throws Exception {
        mvc.perform(json(post("/api/volumes"), VOLUME).with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("vol-1"))
                .andExpect(jsonPath("$.position").value(9));

        verify(commands).send(eq(new CreateVolume("vol-1", "db-data", "dc1", "eproc", 500)), eq("vol-1"), any());
    }

    @Test
    void aVolumeWithoutIdGetsAGeneratedUuid() throws Exception {
        mvc.perform(json(post("/api/volumes"), VOLUME.replace("\"id\": \"vol-1\",", ""))
                        .with(withRealmRole("operator")))
                .andExpect(status().isCreated());

        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        ArgumentCaptor<String> id = ArgumentCaptor.forClass(String.class);
        verify(commands).send(command.capture(), id.capture(), any());
        assertThat(id.getValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(((CreateVolume) command.getValue()).volumeId()).isEqualTo(id.getValue());
    }

    @Test
    void attachSendsTheVolumeAndTheVm() throws Exception {
        mvc.perform(json(post("/api/volumes/vol-1/attach"), """
                        {"vmId": "vm-1"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("vol-1"));

        verify(commands).send(eq(new AttachVolume("vol-1", "vm-1")), eq("vol-1"), any());
    }

    @Test
    void detachAndDeleteNeedNoBody() throws Exception {
        mvc.perform(post("/api/volumes/vol-1/detach").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/volumes/vol-1/delete").with(withRealmRole("operator")))
                .andExpect(status().isOk());

        verify(commands).send(eq(new DetachVolume("vol-1")), eq("vol-1"), any());
        verify(commands).send(eq(new DeleteVolume("vol-1")), eq("vol-1"), any());
    }

    @Test
    void aSizeBelowOneGibIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/volumes"), VOLUME.replace("500", "0"))
                .with(withRealmRole("operator"))), "sizeGib");
    }

    @Test
    void aMissingSiteAndAMalformedProjectAreBothNamed() throws Exception {
        ResultActions result = mvc.perform(json(post("/api/volumes"), """
                {"name": "db-data", "project": "e proc", "sizeGib": 5}""").with(withRealmRole("operator")));

        expectInvalid(result, "siteId");
        result.andExpect(jsonPath("$.errors[*].field").value(hasItem("project")));
    }

    @Test
    void aBlankNameIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/volumes"), VOLUME.replace("\"db-data\"", "\"\""))
                .with(withRealmRole("operator"))), "name");
    }

    @Test
    void attachingWithoutAVmIs400NamingIt() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/volumes/vol-1/attach"), "{}").with(withRealmRole("operator"))),
                "vmId");
    }

    @Test
    void aMalformedVolumeIdInThePathIs400() throws Exception {
        mvc.perform(post("/api/volumes/.vol/detach").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aViewerMayNotChangeVolumes() throws Exception {
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                json(post("/api/volumes"), VOLUME), json(post("/api/volumes/vol-1/attach"), "{\"vmId\": \"vm-1\"}"),
                post("/api/volumes/vol-1/detach"), post("/api/volumes/vol-1/delete")}) {
            mvc.perform(request.with(withRealmRole("viewer")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(containsString("operator")));
        }
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void platformAdminMayCreateVolumesBecauseTheRoleImpliesOperator() throws Exception {
        mvc.perform(json(post("/api/volumes"), VOLUME).with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated());
    }

    @Test
    void withoutATokenIs401() throws Exception {
        mvc.perform(post("/api/volumes/vol-1/delete")).andExpect(status().isUnauthorized());
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
