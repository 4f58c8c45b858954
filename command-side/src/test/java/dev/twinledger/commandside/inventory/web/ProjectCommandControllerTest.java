package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.inventory.RegisterProject;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
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

/** {@code POST /api/projects} with the real security chain and error advice, the command sender mocked. */
@WebMvcTest(controllers = ProjectCommandController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class ProjectCommandControllerTest {

    private static final String PROJECT = """
            {"id": "eproc", "name": "E-procurement", "description": "Tenders and bids"}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandSender commands;

    @BeforeEach
    void acceptEveryCommand() {
        when(commands.send(any(), anyString(), any())).thenAnswer(call -> new CommandResult(call.getArgument(1), 7));
    }

    @Test
    void platformAdminRegistersAProjectAndGets201WithIdAndPosition() throws Exception {
        register(PROJECT, "platform-admin")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("eproc"))
                .andExpect(jsonPath("$.position").value(7));

        verify(commands).send(eq(new RegisterProject("eproc", "E-procurement", "Tenders and bids")), eq("eproc"),
                any());
    }

    @Test
    void theDescriptionMayBeLeftOut() throws Exception {
        register("""
                {"id": "eproc", "name": "E-procurement"}""", "platform-admin")
                .andExpect(status().isCreated());

        verify(commands).send(eq(new RegisterProject("eproc", "E-procurement", null)), eq("eproc"), any());
    }

    @Test
    void anOperatorMayNotRegisterProjects() throws Exception {
        register(PROJECT, "operator")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("platform-admin")));
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void withoutATokenIs401() throws Exception {
        mvc.perform(post("/api/projects").contentType(MediaType.APPLICATION_JSON).content(PROJECT))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).send(any(), anyString(), any());
    }

    @Test
    void aMissingIdIs400NamingIt() throws Exception {
        expectInvalid(register("""
                {"name": "E-procurement"}""", "platform-admin"), "id");
    }

    @Test
    void aMalformedIdIs400NamingIt() throws Exception {
        expectInvalid(register(PROJECT.replace("\"eproc\"", "\"e proc\""), "platform-admin"), "id");
    }

    @Test
    void aBlankNameIs400NamingIt() throws Exception {
        expectInvalid(register(PROJECT.replace("\"E-procurement\"", "\" \""), "platform-admin"), "name");
    }

    @Test
    void aDescriptionOver500CharactersIs400NamingIt() throws Exception {
        expectInvalid(register(PROJECT.replace("Tenders and bids", "d".repeat(501)), "platform-admin"),
                "description");
    }

    private ResultActions register(String body, String role) throws Exception {
        return mvc.perform(post("/api/projects").with(withRealmRole(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void expectInvalid(ResultActions result, String field) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
        verify(commands, never()).send(any(), anyString(), any());
    }
}
