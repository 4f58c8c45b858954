package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.MarkHostUpgraded;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import dev.twinledger.support.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static dev.twinledger.commandside.inventory.web.WebSlice.expectInvalid;
import static dev.twinledger.commandside.inventory.web.WebSlice.json;
import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
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

/** Host registration with memory settings and the host lifecycle endpoints, with the real security chain. */
@WebMvcTest(controllers = {InventoryCommandController.class, HostCommandController.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class HostCommandControllerTest {

    private static final String HOST = """
            {"id": "hv-01", "siteId": "dc1", "name": "hv01", "cpuCores": 64, "memoryMib": 524288""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 42));
    }

    @Test
    void registeringAHostTakesReservedMemoryOvercommitAndTheTemporaryFlag() throws Exception {
        mvc.perform(json(post("/api/hosts"), HOST + """
                        , "reservedMemoryMib": 16384, "overcommitRatio": 1.5, "temporary": true}""")
                        .with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated());

        verify(commands).send(eq(new RegisterHost("hv-01", "dc1", "hv01", 64, 524288, 16384, 1.5, true)),
                eq("hv-01"), any());
    }

    @Test
    void theMemorySettingsDefaultToNoReserveNoOvercommitPermanent() throws Exception {
        mvc.perform(json(post("/api/hosts"), HOST + "}").with(withRealmRole("platform-admin")))
                .andExpect(status().isCreated());

        verify(commands).send(eq(new RegisterHost("hv-01", "dc1", "hv01", 64, 524288, 0, 1.0, false)), eq("hv-01"),
                any());
    }

    @Test
    void outOfRangeMemorySettingsAre400NamingEachField() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/hosts"), HOST + """
                        , "reservedMemoryMib": -1, "overcommitRatio": 4.5}""")
                .with(withRealmRole("platform-admin"))), hasItems("reservedMemoryMib", "overcommitRatio"));
        expectInvalid(mvc.perform(json(post("/api/hosts"), HOST + """
                        , "overcommitRatio": 0.5}""")
                .with(withRealmRole("platform-admin"))), "overcommitRatio");
        expectInvalid(mvc.perform(json(post("/api/hosts"), HOST + """
                        , "temporary": "sometimes"}""")
                .with(withRealmRole("platform-admin"))), "temporary");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void theLifecycleEndpointsSendTheirCommandsAndAnswerIdAndPosition() throws Exception {
        mvc.perform(post("/api/hosts/hv-01/maintenance/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("hv-01"))
                .andExpect(jsonPath("$.position").value(42));
        mvc.perform(post("/api/hosts/hv-01/maintenance/end").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        mvc.perform(json(post("/api/hosts/hv-01/upgrade"), """
                        {"softwareVersion": "2024.1"}""").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        mvc.perform(json(post("/api/hosts/hv-01/temporary"), """
                        {"temporary": true}""").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/hosts/hv-01/decommission").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());

        verify(commands).send(eq(new StartHostMaintenance("hv-01")), eq("hv-01"), any());
        verify(commands).send(eq(new EndHostMaintenance("hv-01")), eq("hv-01"), any());
        verify(commands).send(eq(new MarkHostUpgraded("hv-01", "2024.1")), eq("hv-01"), any());
        verify(commands).send(eq(new SetHostTemporary("hv-01", true)), eq("hv-01"), any());
        verify(commands).send(eq(new DecommissionHost("hv-01")), eq("hv-01"), any());
    }

    @Test
    void aBlankSoftwareVersionIs400() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/hosts/hv-01/upgrade"), """
                        {"softwareVersion": " "}""").with(withRealmRole("platform-admin"))), "softwareVersion");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aMissingTemporaryFlagIs400() throws Exception {
        expectInvalid(mvc.perform(json(post("/api/hosts/hv-01/temporary"), "{}")
                .with(withRealmRole("platform-admin"))), "temporary");
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aMalformedHostIdInThePathIs400() throws Exception {
        mvc.perform(post("/api/hosts/-hv/decommission").with(withRealmRole("platform-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void anOperatorMayNotChangeAHost() throws Exception {
        for (String path : List.of("/api/hosts/hv-01/maintenance/start", "/api/hosts/hv-01/maintenance/end",
                "/api/hosts/hv-01/decommission")) {
            mvc.perform(post(path).with(withRealmRole("operator")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(containsString("platform-admin")));
        }
        mvc.perform(json(post("/api/hosts/hv-01/upgrade"), """
                        {"softwareVersion": "2024.1"}""").with(withRealmRole("operator")))
                .andExpect(status().isForbidden());
        mvc.perform(json(post("/api/hosts/hv-01/temporary"), """
                        {"temporary": true}""").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/hosts/hv-01/maintenance/start"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aRefusalIsAnsweredAsProblemJson() throws Exception {
        when(commands.send(eq(new DecommissionHost("hv-01")), anyString(), any()))
                .thenThrow(ApiException.conflict("host 'hv-01' still holds 4096 MiB for 1 VM(s) (vm-1)"));

        mvc.perform(post("/api/hosts/hv-01/decommission").with(withRealmRole("platform-admin")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("4096 MiB")));
    }
}
