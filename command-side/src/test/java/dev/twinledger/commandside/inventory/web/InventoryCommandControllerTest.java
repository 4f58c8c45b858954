package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.RegisterSite;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
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

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web edge with the real security chain and error advice, and the command sender mocked: status codes, the
 * problem+json that names what is wrong, and what the command and its metadata contain.
 */
@WebMvcTest(controllers = InventoryCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class InventoryCommandControllerTest {

    private static final String VM = """
            {"id": "vm-1", "name": "web-1", "siteId": "dc1", "hostId": "hv-01", "project": "eproc",
             "environment": "PROD", "vcpus": 2, "memoryMib": 4096}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 42));
    }

    @Test
    void operatorProvisioningAVmGets201WithIdAndPosition() throws Exception {
        mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value("vm-1"))
                .andExpect(jsonPath("$.position").value(42));

        verify(commands).send(eq(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2,
                4096, null)), eq("vm-1"), any());
    }

    @Test
    void theCommandCarriesCallerCorrelationReasonAndTicket() throws Exception {
        mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("operator"))
                        .header("X-Correlation-Id", "req-7").header("X-Reason", " capacity for tender season ")
                        .header("X-Ticket", "CHG-1234"))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Correlation-Id", "req-7"));

        ArgumentCaptor<MetaData> metadata = ArgumentCaptor.forClass(MetaData.class);
        verify(commands).send(any(), eq("vm-1"), metadata.capture());
        assertThat(metadata.getValue()).containsEntry(EventMetadata.ACTOR_SUBJECT, "subject-operator")
                .containsEntry(EventMetadata.ACTOR_USERNAME, "user-operator")
                .containsEntry(EventMetadata.CORRELATION_ID, "req-7")
                .containsEntry(EventMetadata.REASON, "capacity for tender season")
                .containsEntry(EventMetadata.TICKET, "CHG-1234");
    }

    @Test
    void aVmWithoutIdGetsAGeneratedUuid() throws Exception {
        String withoutId = VM.replace("\"id\": \"vm-1\",", "");
        mvc.perform(json(post("/api/vms"), withoutId).with(withRealmRole("operator")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(org.hamcrest.Matchers.matchesPattern(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
    }

    @Test
    void platformAdminRegistersSitesAndHosts() throws Exception {
        mvc.perform(json(post("/api/sites"), """
                        {"id": "dc1", "name": "Data centre 1", "platform": "OPENSTACK"}""")
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("dc1"));
        mvc.perform(json(post("/api/hosts"), """
                        {"id": "hv-01", "siteId": "dc1", "name": "hv01", "cpuCores": 64, "memoryMib": 524288}""")
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated());

        verify(commands).send(eq(new RegisterSite("dc1", "Data centre 1", Platform.OPENSTACK)), eq("dc1"), any());
        verify(commands).send(eq(new RegisterHost("hv-01", "dc1", "hv01", 64, 524288, 0, 1.0, false)), eq("hv-01"), any());
    }

    @Test
    void platformAdminMayProvisionBecauseTheRoleImpliesOperator() throws Exception {
        mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated());
    }

    @Test
    void decommissioningAnswers200WithThePosition() throws Exception {
        mvc.perform(post("/api/vms/vm-1/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("vm-1"))
                .andExpect(jsonPath("$.position").value(42));

        verify(commands).send(eq(new DecommissionVm("vm-1")), eq("vm-1"), any());
    }

    @Test
    void blankNameIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM.replace("\"web-1\"", "\"  \""))
                .with(withRealmRole("operator"))), "name");
    }

    @Test
    void negativeMemoryIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM.replace("4096", "-1"))
                .with(withRealmRole("operator"))), "memoryMib");
    }

    /** A VM names its project by the project's id, so a project that cannot be an id is malformed input. */
    @Test
    void aProjectThatIsNoIdIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM.replace("\"eproc\"", "\"e-procurement platform\""))
                .with(withRealmRole("operator"))), "project");
    }

    @Test
    void zeroCpuCoresIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/hosts"), """
                        {"id": "hv-01", "siteId": "dc1", "name": "hv01", "cpuCores": 0, "memoryMib": 1024}""")
                .with(withRealmRole("platform-admin"))), "cpuCores");
    }

    @Test
    void unknownEnumValueIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM.replace("\"PROD\"", "\"PRODUCTION\""))
                .with(withRealmRole("operator"))), "environment");
    }

    @Test
    void badIdShapeIs400NamingTheField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/sites"), """
                        {"id": "-dc 1", "name": "Data centre 1", "platform": "VMWARE"}""")
                .with(withRealmRole("platform-admin"))), "id");
    }

    @Test
    void badPathIdIs400() throws Exception {
        mvc.perform(post("/api/vms/.hidden/decommission").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        mvc.perform(json(post("/api/sites"), "{\"id\": \"dc1\", ").with(withRealmRole("platform-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request"));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void tooLongReasonIs400NamingTheHeader() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("operator"))
                .header("X-Reason", "r".repeat(501))), "X-Reason");
    }

    @Test
    void tooLongTicketIs400NamingTheHeader() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("operator"))
                .header("X-Ticket", "T".repeat(65))), "X-Ticket");
    }

    @Test
    void noTokenIs401() throws Exception {
        mvc.perform(json(post("/api/vms"), VM))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void viewerProvisioningIs403() throws Exception {
        mvc.perform(json(post("/api/vms"), VM).with(withRealmRole("viewer")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("operator")));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void operatorRegisteringASiteIs403() throws Exception {
        mvc.perform(json(post("/api/sites"), """
                        {"id": "dc1", "name": "Data centre 1", "platform": "OPENSTACK"}""")
                        .with(withRealmRole("operator")))
                .andExpect(status().isForbidden());
        verify(commands, never()).send(any(), anyString(), any());
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void expectInvalid(ResultActions result, String field) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)));
        verify(commands, never()).send(any(), anyString(), any());
    }
}
