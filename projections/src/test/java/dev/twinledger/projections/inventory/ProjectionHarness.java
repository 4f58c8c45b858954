package dev.twinledger.projections.inventory;

import dev.twinledger.projections.tracking.AppliedEventLog;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inventory projection's processor built by {@link ProjectionProcessors#registerTracking} exactly as in
 * production, over an in-memory event store instead of Kafka.
 */
final class ProjectionHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final Configuration axon;
    private final ProjectionProgress progress;
    private final AtomicLong positions = new AtomicLong(1_000);

    private ProjectionHarness(Configuration axon, ProjectionProgress progress) {
        this.axon = axon;
        this.progress = progress;
    }

    /** Starts the processor at once. */
    static ProjectionHarness start(DataSource dataSource) {
        return start(dataSource, List.of());
    }

    /** Puts {@code initialEvents} into the store first, so that the processor's first batch contains all of them. */
    static ProjectionHarness start(DataSource dataSource, List<EventMessage<?>> initialEvents) {
        AppliedEventLog appliedEvents = new AppliedEventLog(dataSource);
        ProjectionProgress progress = new ProjectionProgress(InventoryProjection.PROCESSOR, appliedEvents, null, null);
        TokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .schema(TokenSchema.builder().build())
                .serializer(JacksonSerializer.defaultSerializer())
                .build();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));

        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureSerializer(c -> JacksonSerializer.defaultSerializer());
        configurer.eventProcessing().registerEventHandler(c -> new InventoryProjection(dataSource));
        ProjectionProcessors.registerTracking(configurer.eventProcessing(), progress, appliedEvents,
                Configuration::eventStore, c -> tokenStore, c -> transactions);
        Configuration axon = configurer.buildConfiguration();
        axon.eventStore().publish(initialEvents);
        axon.start();
        return new ProjectionHarness(axon, progress);
    }

    /** An event as the Kafka converter delivers it: its global position in metadata, its stored timestamp. */
    static EventMessage<?> event(Object payload, long position, Instant timestamp) {
        return new GenericEventMessage<>(new GenericMessage<>(UUID.randomUUID().toString(), payload,
                MetaData.with(EventEnvelope.GLOBAL_POSITION, position)), () -> timestamp);
    }

    /** A fresh global position, higher than every one handed out before. */
    long nextPosition() {
        return positions.incrementAndGet();
    }

    void publish(EventMessage<?> event) {
        axon.eventStore().publish(event);
    }

    /** Publishes {@code payload} at a fresh position and waits until the projection has applied it. */
    long publishAndAwait(Object payload, Instant timestamp) {
        long position = nextPosition();
        publish(event(payload, position, timestamp));
        try {
            if (!progress.awaitApplied(position, WAIT)) {
                throw new AssertionError("position " + position + " not applied within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return position;
    }

    ProjectionProgress progress() {
        return progress;
    }

    Configuration axon() {
        return axon;
    }

    TrackingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(InventoryProjection.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow();
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
