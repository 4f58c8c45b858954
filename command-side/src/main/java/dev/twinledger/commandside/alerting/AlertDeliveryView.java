package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;

import java.time.Instant;
import java.util.UUID;

/**
 * One outbox row as operators see it.
 *
 * @param id            the delivery id (header {@code X-Twinledger-Delivery}), stable across retries
 * @param subscriber    the webhook subscriber's name, or the topic for the KAFKA channel
 * @param attempts      attempts started so far
 * @param lastStatus    the HTTP status of the last attempt; null before the first answer and for Kafka
 * @param lastError     why the last attempt failed; null after a success
 * @param nextAttemptAt when a PENDING row is tried next (while in flight: when its claim lapses); null when final
 */
public record AlertDeliveryView(UUID id, DeliveryChannel channel, String subscriber, DeliveryState state,
                                int attempts, Integer lastStatus, String lastError, Instant lastAttemptAt,
                                Instant nextAttemptAt, Instant deliveredAt, Instant createdAt, String alertId,
                                String eventId, AlertTransition transition, AlertSeverity severity,
                                SupportLevel level, String hostId, String siteId, long globalPosition) {
}
