package dev.twinledger.queryside.health;

import dev.twinledger.projections.inventory.InventoryProjection;
import dev.twinledger.projections.tracking.KafkaTopicAdmin;
import dev.twinledger.projections.tracking.PartitionLag;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.config.SiteProperties;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Health component {@code inventoryProjection}: is the inventory processor running, how far has it come (highest
 * applied global position), and how far behind the topic is it (consumer lag per partition).
 *
 * <p>DOWN when the processor is not running or is retrying after an error (Kafka unreachable, a failing event); the
 * error is in the details. Not part of readiness, for the same reason as {@link KafkaHealthIndicator}. Lag needs
 * Kafka; when Kafka does not answer, the lag detail says so and the status is decided by the processor alone.
 */
@Component("inventoryProjectionHealthIndicator")
public class ProjectionHealthIndicator implements HealthIndicator {

    private final ProjectionProgress inventoryProgress;
    private final Configuration axon;
    private final String siteId;

    public ProjectionHealthIndicator(ProjectionProgress inventoryProgress, Configuration axon, SiteProperties site) {
        this.inventoryProgress = inventoryProgress;
        this.axon = axon;
        this.siteId = site.siteId();
    }

    @Override
    public Health health() {
        Optional<TrackingEventProcessor> processor = axon.eventProcessingConfiguration()
                .eventProcessor(InventoryProjection.PROCESSOR, TrackingEventProcessor.class);
        Health.Builder health = Health.up();
        Map<String, Object> processorDetails = new LinkedHashMap<>();
        if (processor.isEmpty()) {
            health = Health.down();
            processorDetails.put("state", "not registered");
        } else {
            TrackingEventProcessor tep = processor.get();
            List<EventTrackerStatus> segments = List.copyOf(tep.processingStatus().values());
            Optional<Throwable> error = segments.stream().filter(EventTrackerStatus::isErrorState)
                    .map(EventTrackerStatus::getError).findFirst();
            String state = !tep.isRunning() ? "stopped" : tep.isError() || error.isPresent() ? "retrying" : "running";
            if (!"running".equals(state)) {
                health = Health.down();
            }
            processorDetails.put("state", state);
            processorDetails.put("segmentsClaimed", segments.size());
            processorDetails.put("caughtUp", !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp));
            error.ifPresent(e -> processorDetails.put("error", String.valueOf(e.getMessage())));
        }
        OptionalLong lastApplied = inventoryProgress.highestAppliedPosition();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("site", siteId);
        details.put("processor", InventoryProjection.PROCESSOR);
        details.put("processorStatus", processorDetails);
        // null (not -1) before the first event: -1 would read as a position.
        details.put("lastAppliedPosition", lastApplied.isPresent() ? lastApplied.getAsLong() : null);
        details.put("skippedDuplicatesSinceStart", inventoryProgress.skippedDuplicates());
        health.withDetails(details);
        try {
            List<PartitionLag> lag = inventoryProgress.consumerLag();
            health.withDetail("consumerLag", lag)
                    .withDetail("totalLag", lag.stream().mapToLong(PartitionLag::lag).sum());
        } catch (KafkaTopicAdmin.KafkaUnavailableException e) {
            health.withDetail("consumerLag", "unknown: " + e.getMessage());
        }
        return health.build();
    }
}
