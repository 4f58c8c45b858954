package dev.twinledger.commandside.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Posts an alert to a subscriber's webhook with the JDK HTTP client. Any 2xx answer is a delivery; any other status,
 * a redirect included (redirects are not followed: the signature is for the configured URL), a timeout or a network
 * error is a failed attempt. The subscriber's URL and secret are looked up by name when sending, so a changed
 * configuration applies to pending rows as well.
 */
public final class WebhookSender implements DeliverySender {

    public static final String DELIVERY_HEADER = "X-Twinledger-Delivery";
    public static final String EVENT_HEADER = "X-Twinledger-Event";
    public static final String TIMESTAMP_HEADER = "X-Twinledger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Twinledger-Signature";

    /** How much of a refusal's body is kept in {@code last_error}: enough to read, too little to fill the table. */
    private static final int MAX_BODY_EXCERPT = 200;

    private final Map<String, Subscriber> subscribers;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(List<Subscriber> subscribers, Duration timeout, Clock clock) {
        this.subscribers = subscribers.stream().collect(Collectors.toUnmodifiableMap(Subscriber::name,
                Function.identity()));
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no h2c upgrade dance with receivers that would not expect it.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The longest one attempt may take: connecting, then waiting for the answer. */
    public Duration attemptBound() {
        return timeout.multipliedBy(2);
    }

    @Override
    public DeliveryOutcome send(ClaimedDelivery delivery) {
        Subscriber subscriber = subscribers.get(delivery.subscriber());
        if (subscriber == null) {
            // Retried rather than given up at once: the other site's command side may still have it configured.
            return DeliveryOutcome.failed(null, "subscriber '" + delivery.subscriber()
                    + "' is not configured on this command side");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(subscriber.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Twinledger-Alerts/1")
                .header(DELIVERY_HEADER, delivery.id().toString())
                .header(EVENT_HEADER, delivery.eventType())
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, WebhookSignature.sign(subscriber.secret(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String excerpt = excerpt(response.body());
            if (status >= 200 && status < 300) {
                return DeliveryOutcome.delivered(status);
            }
            return DeliveryOutcome.failed(status, "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt));
        } catch (HttpTimeoutException e) {
            return DeliveryOutcome.failed(null, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return DeliveryOutcome.failed(null, "cannot connect to " + subscriber.url().getHost() + ":"
                    + port(subscriber) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (IOException e) {
            return DeliveryOutcome.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(null, "interrupted while sending (the service is stopping)");
        }
    }

    private static String excerpt(InputStream body) {
        try (body) {
            byte[] start = body.readNBytes(MAX_BODY_EXCERPT);
            return new String(start, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "";
        }
    }

    private static int port(Subscriber subscriber) {
        int port = subscriber.url().getPort();
        return port >= 0 ? port : "https".equals(subscriber.url().getScheme()) ? 443 : 80;
    }
}
