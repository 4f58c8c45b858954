package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.commandside.support.AlertEvents;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Webhook delivery end to end, with two command sides (two sites) on one event store and one receiver: a raise and a
 * clear of one alert, routed by level. The "flaky" subscriber answers 500 to the first two requests of every delivery;
 * the "broken" one always answers 500; the "pager" one takes only L3, which this alert is not.
 */
class AlertWebhookIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLAKY_SECRET = "flaky-receiver-secret-0123456789abcdef";
    private static final String BROKEN_SECRET = "broken-receiver-secret-0123456789abcdef";
    private static final String PAGER_SECRET = "pager-receiver-secret-0123456789abcdef";
    private static final int MAX_ATTEMPTS = 4;
    private static final String SITE = "s-alerts";
    private static final String HOST = "hv-alerts-1";
    private static final String ALERT = HOST + ":1";

    private static WebhookReceiver receiver;
    private static TestDatabase database;
    private static RunningCommandSide siteA;
    private static RunningCommandSide siteB;
    private static long raisedAt;
    private static long clearedAt;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start()
                .route("/flaky", FLAKY_SECRET, nth -> nth <= 2 ? 500 : 204)
                .route("/broken", BROKEN_SECRET, nth -> 500)
                .route("/pager", PAGER_SECRET, nth -> 200);
        database = TestDatabase.create("alerthooks");
        siteA = RunningCommandSide.start(database, "127.0.0.1:9", "it.alerthooks.events", settings());
        siteB = RunningCommandSide.start(database, "127.0.0.1:9", "it.alerthooks.events", settings());
        AlertEvents.awaitRoutingProcessor(database);

        raisedAt = AlertEvents.raise(siteA, database, 0, new CapacityAlertRaised(ALERT, HOST, SITE,
                AlertSeverity.WARNING, 900, 1000, 90.0, 85.0), "corr-raise");
        clearedAt = AlertEvents.clear(siteB, database, 1, new CapacityAlertCleared(ALERT, HOST, SITE,
                AlertSeverity.WARNING, 500, 1000, 50.0), "corr-clear");

        await().atMost(Duration.ofSeconds(90)).until(() -> database.jdbc().queryForObject(
                "SELECT count(*) FROM alert_delivery WHERE state <> 'PENDING'", Integer.class) == 4);
    }

    private static String[] settings() {
        List<String> settings = new ArrayList<>(List.of(
                "--axon.kafka.publisher.enabled=false",
                "--twinledger.alerts.topic.enabled=false",
                "--twinledger.alerts.default-level=L2",
                "--twinledger.alerts.routes[0].severity=CRITICAL",
                "--twinledger.alerts.routes[0].level=L3",
                "--twinledger.alerts.routes[1].site-id=" + SITE,
                "--twinledger.alerts.routes[1].level=L1",
                "--twinledger.alerts.delivery.max-attempts=" + MAX_ATTEMPTS,
                "--twinledger.alerts.delivery.initial-backoff=50ms",
                "--twinledger.alerts.delivery.max-backoff=200ms",
                "--twinledger.alerts.delivery.poll-interval=100ms",
                "--twinledger.alerts.delivery.request-timeout=5s"));
        settings.addAll(subscriber(0, "flaky", "L1", FLAKY_SECRET));
        settings.addAll(subscriber(1, "broken", "L1,L2", BROKEN_SECRET));
        settings.addAll(subscriber(2, "pager", "L3", PAGER_SECRET));
        return settings.toArray(String[]::new);
    }

    private static List<String> subscriber(int index, String name, String levels, String secret) {
        String prefix = "--twinledger.alerts.subscribers[" + index + "].";
        return List.of(prefix + "name=" + name, prefix + "levels=" + levels,
                prefix + "url=" + receiver.url("/" + name), prefix + "secret=" + secret);
    }

    @AfterAll
    static void stop() {
        try {
            closeAll(siteA, siteB);
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                receiver.close();
            }
        }
    }

    @Test
    void theFlakyReceiverAcceptsEachTransitionExactlyOnceWithAValidSignature() throws Exception {
        List<WebhookReceiver.Request> accepted = receiver.accepted("/flaky");

        assertThat(accepted).extracting(WebhookReceiver.Request::event)
                .containsExactly("capacity-alert.raised", "capacity-alert.cleared");
        assertThat(accepted).allMatch(WebhookReceiver.Request::signatureValid);
        JsonNode raised = JSON.readTree(accepted.get(0).body());
        assertThat(raised.get("transition").asText()).isEqualTo("RAISED");
        assertThat(raised.get("alertId").asText()).isEqualTo(ALERT);
        assertThat(raised.get("severity").asText()).isEqualTo("WARNING");
        assertThat(raised.get("level").asText()).isEqualTo("L1");
        assertThat(raised.get("hostId").asText()).isEqualTo(HOST);
        assertThat(raised.get("siteId").asText()).isEqualTo(SITE);
        assertThat(raised.get("allocatedMib").asLong()).isEqualTo(900);
        assertThat(raised.get("capacityMib").asLong()).isEqualTo(1000);
        assertThat(raised.get("utilizationPercent").asDouble()).isEqualTo(90.0);
        assertThat(raised.get("thresholdPercent").asDouble()).isEqualTo(85.0);
        assertThat(raised.get("globalPosition").asLong()).isEqualTo(raisedAt);
        assertThat(raised.get("correlationId").asText()).isEqualTo("corr-raise");
        assertThat(raised.get("occurredAt").asText()).isNotBlank();
        JsonNode cleared = JSON.readTree(accepted.get(1).body());
        assertThat(cleared.get("transition").asText()).isEqualTo("CLEARED");
        assertThat(cleared.get("allocatedMib").asLong()).isEqualTo(500);
        assertThat(cleared.get("thresholdPercent").isNull()).isTrue();
        assertThat(cleared.get("globalPosition").asLong()).isEqualTo(clearedAt);
        assertThat(cleared.get("correlationId").asText()).isEqualTo("corr-clear");
    }

    @Test
    void everyRetryOfADeliveryCarriesTheSameIdAndBodyAndNoneIsSentAfterTheAcceptance() {
        Map<String, List<WebhookReceiver.Request>> byDelivery = receiver.received("/flaky").stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Request::deliveryId));

        assertThat(byDelivery).hasSize(2);
        byDelivery.values().forEach(requests -> {
            assertThat(requests).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 204);
            assertThat(requests).extracting(WebhookReceiver.Request::body).containsOnly(requests.get(0).body());
            assertThat(requests).allMatch(WebhookReceiver.Request::signatureValid);
        });
        assertThat(byDelivery.keySet()).containsExactlyInAnyOrderElementsOf(database.jdbc().queryForList(
                "SELECT id::text FROM alert_delivery WHERE subscriber = 'flaky'", String.class));
    }

    @Test
    void theOutboxShowsThreeAttemptsAndDeliveredForTheFlakyReceiver() throws Exception {
        JsonNode page = list(siteB, "?subscriber=flaky");

        assertThat(page.get("totalItems").asInt()).isEqualTo(2);
        for (JsonNode row : page.get("items")) {
            assertThat(row.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(row.get("attempts").asInt()).isEqualTo(3);
            assertThat(row.get("lastStatus").asInt()).isEqualTo(204);
            assertThat(row.get("lastError").isNull()).isTrue();
            assertThat(row.get("nextAttemptAt").isNull()).isTrue();
            assertThat(row.get("deliveredAt").asText()).isNotBlank();
        }
        assertThat(page.get("items")).extracting(row -> row.get("transition").asText())
                .containsExactly("CLEARED", "RAISED");
    }

    @Test
    void aReceiverThatAlwaysFailsEndsDeadAfterMaxAttemptsVisibleThroughTheEndpointHealthAndMetrics()
            throws Exception {
        JsonNode dead = list(siteA, "?state=DEAD");

        assertThat(dead.get("totalItems").asInt()).isEqualTo(2);
        for (JsonNode row : dead.get("items")) {
            assertThat(row.get("subscriber").asText()).isEqualTo("broken");
            assertThat(row.get("channel").asText()).isEqualTo("WEBHOOK");
            assertThat(row.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
            assertThat(row.get("lastStatus").asInt()).isEqualTo(500);
            assertThat(row.get("lastError").asText()).startsWith("HTTP 500").contains("receiver says no");
            assertThat(row.get("nextAttemptAt").isNull()).isTrue();
        }
        assertThat(receiver.received("/broken")).hasSize(2 * MAX_ATTEMPTS);

        for (RunningCommandSide site : List.of(siteA, siteB)) {
            JsonNode health = JSON.readTree(httpGet(site.management("/actuator/health")).body())
                    .at("/components/alertDeliveries");
            assertThat(health.at("/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/dead").asLong()).isEqualTo(2);
            assertThat(health.at("/details/pending").asLong()).isZero();
        }
        assertThat(httpGet(siteA.management("/actuator/health/readiness")).statusCode()).isEqualTo(200);

        // Each site counts what it did; together they did everything once.
        assertThat(metric("twinledger_alerts_dead_total", "broken")).isEqualTo(2);
        assertThat(metric("twinledger_alerts_failed_attempts_total", "broken")).isEqualTo(2 * MAX_ATTEMPTS);
        assertThat(metric("twinledger_alerts_delivered_total", "flaky")).isEqualTo(2);
        assertThat(metric("twinledger_alerts_failed_attempts_total", "flaky")).isEqualTo(4);
        assertThat(httpGet(siteA.management("/actuator/prometheus")).body()).contains("twinledger_alerts_pending 0.0");
    }

    @Test
    void aSubscriberOfAnotherLevelGetsNothing() throws Exception {
        assertThat(list(siteA, "?subscriber=pager").get("totalItems").asInt()).isZero();
        assertThat(receiver.received("/pager")).isEmpty();
    }

    @Test
    void theListingNeedsTheOperatorRoleAndValidFilters() throws Exception {
        siteA.mvc().perform(get("/api/alert-deliveries").with(withRealmRole("viewer")))
                .andExpect(status().isForbidden());
        siteA.mvc().perform(get("/api/alert-deliveries?state=GONE").with(withRealmRole("operator")))
                .andExpect(status().isBadRequest());
    }

    private static JsonNode list(RunningCommandSide site, String query) throws Exception {
        String body = site.mvc().perform(get("/api/alert-deliveries" + query).with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    /** The sum over both sites of a counter's samples for one subscriber. */
    private static double metric(String name, String subscriber) throws Exception {
        double sum = 0;
        for (RunningCommandSide site : List.of(siteA, siteB)) {
            for (String line : httpGet(site.management("/actuator/prometheus")).body().split("\n")) {
                if (line.startsWith(name + "{") && line.contains("subscriber=\"" + subscriber + "\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    private static HttpResponse<String> httpGet(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void closeAll(RunningCommandSide... sites) {
        for (RunningCommandSide site : sites) {
            if (site != null) {
                site.close();
            }
        }
    }
}
