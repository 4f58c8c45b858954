package dev.twinledger.commandside.alerting;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * How many alert deliveries are pending and dead, as details. Always UP when the outbox can be read (UNKNOWN when it
 * cannot; the {@code db} component reports the cause): a slow or broken receiver is the subscriber's problem and must
 * not take the command side out of service, and it is not part of readiness.
 */
public final class AlertDeliveryHealthIndicator implements HealthIndicator {

    private final AlertDeliveryStore store;

    public AlertDeliveryHealthIndicator(AlertDeliveryStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            DeliveryCounts counts = store.counts();
            return Health.up().withDetail("pending", counts.pending()).withDetail("dead", counts.dead()).build();
        } catch (RuntimeException e) {
            return Health.unknown().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .build();
        }
    }
}
