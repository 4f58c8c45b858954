package dev.twinledger.commandside.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The delivery meters, tagged by channel and subscriber (a configured, small set):
 * {@code twinledger.alerts.delivered}, {@code twinledger.alerts.failed.attempts} (every failed attempt, the last one
 * of a dead row included), {@code twinledger.alerts.dead}, and the gauge {@code twinledger.alerts.pending} (rows of
 * every instance, read from the outbox when scraped).
 */
public final class AlertDeliveryMetrics {

    public static final String DELIVERED = "twinledger.alerts.delivered";
    public static final String FAILED_ATTEMPTS = "twinledger.alerts.failed.attempts";
    public static final String DEAD = "twinledger.alerts.dead";
    public static final String PENDING = "twinledger.alerts.pending";

    private final MeterRegistry registry;

    public AlertDeliveryMetrics(MeterRegistry registry, AlertDeliveryStore store) {
        this.registry = registry;
        Gauge.builder(PENDING, store, AlertDeliveryMetrics::pendingOrNaN)
                .description("Alert deliveries not yet delivered nor dead, in the shared outbox")
                .register(registry);
    }

    void delivered(ClaimedDelivery delivery) {
        counter(DELIVERED, "Alert deliveries accepted by their receiver", delivery).increment();
    }

    void failedAttempt(ClaimedDelivery delivery) {
        counter(FAILED_ATTEMPTS, "Failed alert delivery attempts", delivery).increment();
    }

    void dead(ClaimedDelivery delivery) {
        counter(DEAD, "Alert deliveries given up after their last attempt", delivery).increment();
    }

    private Counter counter(String name, String description, ClaimedDelivery delivery) {
        return Counter.builder(name).description(description)
                .tag("channel", delivery.channel().name().toLowerCase())
                .tag("subscriber", delivery.subscriber())
                .register(registry);
    }

    private static double pendingOrNaN(AlertDeliveryStore store) {
        try {
            return store.counts().pending();
        } catch (RuntimeException e) {
            // The database health says why; a gauge without a value is what Prometheus expects meanwhile.
            return Double.NaN;
        }
    }
}
