package dev.twinledger.commandside.alerting;

import dev.twinledger.commandside.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt against a real HTTP server: what counts as delivered, and what each failure records. */
class WebhookSenderTest {

    private static final String SECRET = "sender-test-secret-0123456789abcdef!";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = WebhookReceiver.start()
                .route("/ok", SECRET, nth -> 202)
                .route("/moved", SECRET, nth -> 302)
                .route("/failing", SECRET, nth -> 503);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void a2xxAnswerIsADeliveryOfASignedRequestWithTheDeliveryHeaders() {
        DeliveryOutcome outcome = sender("/ok").send(delivery("hook"));

        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered(202));
        WebhookReceiver.Request request = receiver.received("/ok").get(0);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.timestamp()).isEqualTo("1700000000");
        assertThat(request.event()).isEqualTo("capacity-alert.raised");
        assertThat(request.deliveryId()).isEqualTo(ID.toString());
        assertThat(request.body()).isEqualTo("{\"alertId\":\"hv-1:1\"}");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedAttempt() {
        DeliveryOutcome outcome = sender("/moved").send(delivery("hook"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.status()).isEqualTo(302);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aRefusalRecordsTheStatusAndTheStartOfTheAnswer() {
        DeliveryOutcome outcome = sender("/failing").send(delivery("hook"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.error()).isEqualTo("HTTP 503: receiver says no (503)");
    }

    @Test
    void aReceiverThatIsNotListeningIsAFailedAttemptWithoutStatus() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender sender = new WebhookSender(List.of(Subscriber.of("hook", Set.of(SupportLevel.L1),
                "http://127.0.0.1:" + closedPort + "/hook", SECRET)), Duration.ofSeconds(5), CLOCK);

        DeliveryOutcome outcome = sender.send(delivery("hook"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).startsWith("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void aSubscriberThisCommandSideDoesNotKnowIsAFailedAttempt() {
        DeliveryOutcome outcome = sender("/ok").send(delivery("someone-else"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).contains("'someone-else' is not configured");
        assertThat(receiver.requests()).isEmpty();
    }

    private static final UUID ID = UUID.fromString("00000000-0000-3000-8000-000000000001");

    private WebhookSender sender(String path) {
        return new WebhookSender(List.of(Subscriber.of("hook", Set.of(SupportLevel.L1), receiver.url(path), SECRET)),
                Duration.ofSeconds(5), CLOCK);
    }

    private static ClaimedDelivery delivery(String subscriber) {
        return new ClaimedDelivery(ID, UUID.randomUUID(), DeliveryChannel.WEBHOOK, subscriber,
                "capacity-alert.raised", "hv-1", "{\"alertId\":\"hv-1:1\"}", 1);
    }
}
