package dev.twinledger.commandside.keycloaksync.web;

import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.commandside.keycloaksync.DriftKind;
import dev.twinledger.commandside.keycloaksync.DriftView;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncStore;
import dev.twinledger.commandside.keycloaksync.LastRun;
import dev.twinledger.commandside.keycloaksync.SyncSettings;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sync report's web edge with the real security chain and error advice; the store is mocked. */
@WebMvcTest(controllers = KeycloakSyncController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import({SecurityConfig.class, KeycloakSyncControllerTest.Settings.class})
class KeycloakSyncControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Settings {

        @Bean
        SyncSettings settings() {
            return new SyncSettings(false, "twinledger", Duration.ofSeconds(30));
        }
    }

    private static final Instant DETECTED = Instant.parse("2026-11-25T10:00:00Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private KeycloakSyncStore store;

    @Test
    void anAccessAdminSeesTheLastRunThePushedCountsAndEachDriftItem() throws Exception {
        when(store.lastRun()).thenReturn(Optional.of(new LastRun(DETECTED, DETECTED.plusMillis(150), true, null, 1,
                3, 2, DETECTED.plusMillis(150))));
        when(store.pushedCounts()).thenReturn(new KeycloakSyncStore.PushedCounts(2, 7));
        when(store.drift()).thenReturn(List.of(
                new DriftView("ops", "mallory", DriftKind.EXTRA_MEMBER, DETECTED, null, null),
                new DriftView("dba", null, DriftKind.MISSING_GROUP, DETECTED, "user-access-admin", DETECTED)));

        mvc.perform(get("/api/access/keycloak-sync").with(withRealmRole("access-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false))
                .andExpect(jsonPath("$.parentGroup").value("twinledger"))
                .andExpect(jsonPath("$.interval").value("PT30S"))
                .andExpect(jsonPath("$.lastRun.finishedAt").value("2026-11-25T10:00:00.150Z"))
                .andExpect(jsonPath("$.lastRun.succeeded").value(true))
                .andExpect(jsonPath("$.lastRun.membersAdded").value(3))
                .andExpect(jsonPath("$.lastRun.membersRemoved").value(2))
                .andExpect(jsonPath("$.pushed.groups").value(2))
                .andExpect(jsonPath("$.pushed.memberships").value(7))
                .andExpect(jsonPath("$.drift[0].group").value("ops"))
                .andExpect(jsonPath("$.drift[0].username").value("mallory"))
                .andExpect(jsonPath("$.drift[0].kind").value("EXTRA_MEMBER"))
                .andExpect(jsonPath("$.drift[0].detectedAt").value("2026-11-25T10:00:00Z"))
                .andExpect(jsonPath("$.drift[1].kind").value("MISSING_GROUP"))
                .andExpect(jsonPath("$.drift[1].overwriteRequestedBy").value("user-access-admin"));
    }

    @Test
    void beforeAnyRunTheReportSaysSo() throws Exception {
        when(store.lastRun()).thenReturn(Optional.empty());
        when(store.pushedCounts()).thenReturn(new KeycloakSyncStore.PushedCounts(0, 0));
        when(store.drift()).thenReturn(List.of());

        mvc.perform(get("/api/access/keycloak-sync").with(withRealmRole("access-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastRun").doesNotExist())
                .andExpect(jsonPath("$.drift").isEmpty());
    }

    @Test
    void anOperatorIsRefused403AndAnAnonymousCaller401() throws Exception {
        mvc.perform(get("/api/access/keycloak-sync").with(withRealmRole("operator")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("platform-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"group\": \"ops\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/access/keycloak-sync")).andExpect(status().isUnauthorized());
        verify(store, never()).drift();
        verify(store, never()).requestOverwrite(any(), any(), any(), any());
    }

    @Test
    void anOverwriteIsRecordedWithTheCallerAndAnswered202() throws Exception {
        when(store.requestOverwrite(eq("ops"), eq("mallory"), eq("user-access-admin"), any()))
                .thenReturn(Optional.of(new DriftView("ops", "mallory", DriftKind.EXTRA_MEMBER, DETECTED,
                        "user-access-admin", DETECTED.plusSeconds(60))));

        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"group": "ops", "username": "mallory"}"""))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("EXTRA_MEMBER"))
                .andExpect(jsonPath("$.overwriteRequestedBy").value("user-access-admin"));
    }

    @Test
    void anOverwriteOfNoDriftItemIs404() throws Exception {
        when(store.requestOverwrite(eq("ops"), isNull(), anyString(), any())).thenReturn(Optional.empty());

        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"group\": \"ops\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No drift item for group ops"));
    }

    @Test
    void anOverwriteOfAnUnknownUserIs409SayingWhatToDoInstead() throws Exception {
        when(store.requestOverwrite(eq("ops"), eq("ghost"), anyString(), any()))
                .thenThrow(new KeycloakSyncStore.NotOverwritable("UNKNOWN_USER cannot be overwritten"));

        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"group": "ops", "username": "ghost"}"""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("UNKNOWN_USER cannot be overwritten: create user ghost in"
                        + " Keycloak, or end the membership in the directory"));
    }

    @Test
    void aMalformedGroupIs400NamingTheField() throws Exception {
        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"group\": \"no spaces/here\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("group"));
        mvc.perform(post("/api/access/keycloak-sync/overwrites").with(withRealmRole("access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"username\": \"alice\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("group"));
        verify(store, never()).requestOverwrite(any(), any(), any(), any());
    }
}
