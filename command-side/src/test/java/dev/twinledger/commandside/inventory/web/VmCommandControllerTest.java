package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RenameVm;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.RetagVm;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.StopVm;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.twinledger.commandside.inventory.web.WebSlice.expectInvalid;
import static dev.twinledger.commandside.inventory.web.WebSlice.json;
import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Provisioning with a platform id and the VM lifecycle endpoints, with the real security chain. */
@WebMvcTest(controllers = {InventoryCommandController.class, VmCommandController.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class VmCommandControllerTest {

    private static final String VM = """
            {"id": "vm-1", "name": "web-1", "siteId": "dc1", "hostId": "hv-01", "project": "eproc",
             "environment": "PROD", "vcpus": 2, "memoryMib": 4096""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 42));
    }

    @Test
    void provisioningPassesThePlatformIdOn() throws Exception {
        mvc.perform(json(post("/api/vms"), VM + ", \"platformId\": \"os-uuid-1\"}").with(withRealmRole("operator")))
                .andExpect(status().isCreated());

        verify(commands).send(eq(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2, 4096,
                "os-uuid-1")), eq("vm-1"), any());
    }

    @Test
    void aBlankPlatformIdIs400() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms"), VM + ", \"platformId\": \" \"}")
                .with(withRealmRole("operator"))), "platformId");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void theLifecycleEndpointsSendTheirCommandsAndAnswerIdAndPosition() throws Exception {
        mvc.perform(post("/api/vms/vm-1/stop").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("vm-1"))
                .andExpect(jsonPath("$.position").value(42));
        mvc.perform(post("/api/vms/vm-1/start").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(json(post("/api/vms/vm-1/resize"), """
                        {"vcpus": 4, "memoryMib": 8192}""").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(json(post("/api/vms/vm-1/rename"), """
                        {"name": "web-2"}""").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        mvc.perform(json(put("/api/vms/vm-1/tags"), """
                        {"tags": {"tier": "web", "app.example.org/owner": "team a"}}""")
                        .with(withRealmRole("operator")))
                .andExpect(status().isOk());

        verify(commands).send(eq(new StopVm("vm-1")), eq("vm-1"), any());
        verify(commands).send(eq(new StartVm("vm-1")), eq("vm-1"), any());
        verify(commands).send(eq(new ResizeVm("vm-1", 4, 8192)), eq("vm-1"), any());
        verify(commands).send(eq(new RenameVm("vm-1", "web-2")), eq("vm-1"), any());
        verify(commands).send(eq(new RetagVm("vm-1", Map.of("tier", "web", "app.example.org/owner", "team a"))),
                eq("vm-1"), any());
    }

    @Test
    void aResizeWithoutSizesIs400NamingBoth() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms/vm-1/resize"), """
                        {"vcpus": 0}""").with(withRealmRole("operator"))), hasItems("vcpus", "memoryMib"));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aBlankNewNameIs400() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/vms/vm-1/rename"), """
                        {"name": ""}""").with(withRealmRole("operator"))), "name");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void malformedTagsAre400NamingTheTags() throws Exception {
        String tooMany = IntStream.range(0, 51).mapToObj(i -> "\"k" + i + "\": \"v\"")
                .collect(Collectors.joining(", ", "{\"tags\": {", "}}"));
        for (String body : new String[] {"{}", "{\"tags\": {\"-tier\": \"web\"}}", "{\"tags\": {\"tier\": \"\"}}",
                "{\"tags\": {\"tier\": \"" + "v".repeat(101) + "\"}}", tooMany}) {
            expectInvalid(mvc.perform(json(put("/api/vms/vm-1/tags"), body).with(withRealmRole("operator"))),
                    hasItem(startsWith("tags")));
        }
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aViewerMayNotChangeAVmButAPlatformAdminMay() throws Exception {
        mvc.perform(post("/api/vms/vm-1/stop").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        mvc.perform(json(put("/api/vms/vm-1/tags"), "{\"tags\": {}}").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        mvc.perform(json(post("/api/vms/vm-1/resize"), """
                        {"vcpus": 4, "memoryMib": 8192}""").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        verify(commands, never()).send(any(), anyString(), any());

        mvc.perform(post("/api/vms/vm-1/stop").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
    }
}
