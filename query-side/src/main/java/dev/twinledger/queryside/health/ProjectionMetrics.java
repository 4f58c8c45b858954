package dev.twinledger.queryside.health;

import dev.twinledger.projections.tracking.ProjectionProgress;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Projection progress as metrics: {@code twinledger.projection.applied.position} (highest applied global position)
 * and {@code twinledger.projection.duplicates.skipped}, tagged with the processor. Lag is only in health: computing
 * it asks Kafka, which a scrape should not wait for.
 */
@Component
public class ProjectionMetrics implements MeterBinder {

    private final ProjectionProgress inventoryProgress;

    public ProjectionMetrics(ProjectionProgress inventoryProgress) {
        this.inventoryProgress = inventoryProgress;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("twinledger.projection.applied.position", inventoryProgress,
                        p -> p.highestAppliedPosition().orElse(-1))
                .description("Highest global position the projection has applied; -1 before the first event")
                .tag("processor", inventoryProgress.processorName())
                .register(registry);
        FunctionCounter.builder("twinledger.projection.duplicates.skipped", inventoryProgress,
                        ProjectionProgress::skippedDuplicates)
                .description("Redelivered events skipped since the service started")
                .tag("processor", inventoryProgress.processorName())
                .register(registry);
    }
}
