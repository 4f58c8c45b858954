package dev.twinledger.commandside.publishing;

import dev.twinledger.commandside.eventstore.EventStorePositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.Collection;
import java.util.Optional;

/**
 * How far the Kafka publisher is behind the event store: {@code lag} = the store's head global index minus the
 * publisher's token position. DOWN while the publisher is in error (typically Kafka unreachable) and retrying.
 *
 * <p>Not part of readiness, for the same reason as {@link KafkaHealthIndicator}: a lagging publisher delays the read
 * side but must not stop commands from being accepted. The position is this instance's view of the processor; when
 * another instance holds the publisher's claim the position is reported unknown.
 */
public final class PublishingHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final String processorName;
    private final EventStorePositions positions;

    public PublishingHealthIndicator(EventProcessingConfiguration processing, String processorName,
                                     EventStorePositions positions) {
        this.processing = processing;
        this.processorName = processorName;
        this.positions = positions;
    }

    @Override
    public Health health() {
        long head = positions.head().orElse(0);
        Optional<TrackingEventProcessor> processor =
                processing.eventProcessor(processorName, TrackingEventProcessor.class);
        if (processor.isEmpty()) {
            return Health.unknown().withDetail("processor", processorName).withDetail("headPosition", head)
                    .withDetail("reason", "no tracking processor of that name").build();
        }
        Collection<EventTrackerStatus> segments = processor.get().processingStatus().values();
        Health.Builder health = segments.stream().anyMatch(EventTrackerStatus::isErrorState) ? Health.down()
                : !processor.get().isRunning() ? Health.outOfService()
                : segments.isEmpty() ? Health.unknown()
                : Health.up();
        health.withDetail("processor", processorName)
                .withDetail("running", processor.get().isRunning())
                .withDetail("headPosition", head);
        if (segments.isEmpty()) {
            health.withDetail("publishedPosition", "unknown: no segment claimed by this instance");
        } else {
            // A segment that has not published anything yet has no position: nothing of the store is published.
            long published = segments.stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(position -> position.isPresent() ? position.getAsLong() : 0L)
                    .min().orElse(0L);
            health.withDetail("publishedPosition", published).withDetail("lag", Math.max(0, head - published));
        }
        segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(EventTrackerStatus::getError)
                .ifPresent(error -> health.withDetail("error", describe(error)));
        return health.build();
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error.getMessage() + " (cause: " + root + ")";
    }
}
