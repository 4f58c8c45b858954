package dev.twinledger.commandside.alerting.web;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.commandside.alerting.AlertDeliveryStore;
import dev.twinledger.commandside.alerting.AlertDeliveryView;
import dev.twinledger.commandside.alerting.AlertTransition;
import dev.twinledger.commandside.alerting.DeliveryChannel;
import dev.twinledger.commandside.alerting.DeliveryFilter;
import dev.twinledger.commandside.alerting.DeliveryPage;
import dev.twinledger.commandside.alerting.DeliveryState;
import dev.twinledger.commandside.alerting.SupportLevel;
import dev.twinledger.commandside.config.SecurityConfig;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The outbox listing's web edge with the real security chain and error advice; the store is mocked. */
@WebMvcTest(controllers = AlertDeliveryController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@Import(SecurityConfig.class)
class AlertDeliveryControllerTest {

    private static final UUID ID = UUID.fromString("6f1c1a52-8c1e-3c55-9a55-2f1f6c3b2a10");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AlertDeliveryStore store;

    @Test
    void anOperatorSeesTheRowsWithAttemptsAndLastError() throws Exception {
        AlertDeliveryView dead = new AlertDeliveryView(ID, DeliveryChannel.WEBHOOK, "noc", DeliveryState.DEAD, 8, 500,
                "HTTP 500: boom", Instant.parse("2026-01-31T12:00:00Z"), null, null,
                Instant.parse("2026-01-31T11:00:00Z"), "hv-1:1", "event-1", AlertTransition.RAISED,
                AlertSeverity.CRITICAL, SupportLevel.L2, "hv-1", "dc1", 42);
        when(store.find(new DeliveryFilter(DeliveryState.DEAD, "noc", null, 0, 20)))
                .thenReturn(DeliveryPage.of(List.of(dead), 0, 20, 1));

        mvc.perform(get("/api/alert-deliveries").param("state", "DEAD").param("subscriber", "noc")
                        .param("size", "20").with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(ID.toString()))
                .andExpect(jsonPath("$.items[0].state").value("DEAD"))
                .andExpect(jsonPath("$.items[0].attempts").value(8))
                .andExpect(jsonPath("$.items[0].lastStatus").value(500))
                .andExpect(jsonPath("$.items[0].lastError").value("HTTP 500: boom"))
                .andExpect(jsonPath("$.items[0].lastAttemptAt").value("2026-01-31T12:00:00Z"))
                .andExpect(jsonPath("$.items[0].nextAttemptAt").doesNotExist())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.totalPages").value(1));
    }

    @Test
    void aViewerIsRefused403() throws Exception {
        mvc.perform(get("/api/alert-deliveries").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        verify(store, never()).find(any());
    }

    @Test
    void withoutATokenTheAnswerIs401() throws Exception {
        mvc.perform(get("/api/alert-deliveries")).andExpect(status().isUnauthorized());
    }

    @Test
    void anUnknownStateIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/alert-deliveries").param("state", "LOST").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"))
                .andExpect(jsonPath("$.errors[0].reason").value("'LOST' is not one of [PENDING, DELIVERED, DEAD]"));
    }

    @Test
    void aPageSizeOutOfRangeIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/alert-deliveries").param("size", "1000").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/alert-deliveries").param("page", "-1").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        verify(store, never()).find(any());
    }
}
