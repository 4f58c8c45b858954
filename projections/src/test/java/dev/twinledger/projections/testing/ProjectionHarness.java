package dev.twinledger.projections.testing;

import dev.twinledger.projections.access.AccessProjection;
import dev.twinledger.projections.audit.AuditLogProjection;
import dev.twinledger.projections.campaign.CampaignProjection;
import dev.twinledger.projections.capacity.CapacityProjection;
import dev.twinledger.projections.history.HistoryProjection;
import dev.twinledger.projections.inventory.InventoryProjection;
import dev.twinledger.projections.inventory.VolumeProjection;
import dev.twinledger.projections.migration.MigrationProjection;
import dev.twinledger.projections.pointintime.InventoryVersionProjection;
import dev.twinledger.projections.storage.ContainerProjection;
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
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The read-model processor built by {@link ProjectionProcessors#registerTracking} exactly as in production, with
 * every projection of the module, over an in-memory event store instead of Kafka. Events are delivered the way the
 * Kafka converter delivers them: global position in the metadata, stored timestamp, and (for events on a stream)
 * aggregate type, id and sequence.
 */
public final class ProjectionHarness implements AutoCloseable {

    /** The longest a test waits for a position. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Every projection of the module, as {@code ProjectionsConfiguration} registers them. */
    public static final List<Function<DataSource, Object>> PROJECTIONS = List.of(
            InventoryProjection::new, VolumeProjection::new, CapacityProjection::new, MigrationProjection::new,
            ContainerProjection::new, CampaignProjection::new, HistoryProjection::new, AccessProjection::new,
            AuditLogProjection::new, InventoryVersionProjection::new);

    private final Configuration axon;
    private final ProjectionProgress progress;
    private final AtomicLong positions = new AtomicLong(1_000);
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    private ProjectionHarness(Configuration axon, ProjectionProgress progress) {
        this.axon = axon;
        this.progress = progress;
    }

    /** Starts the processor at once. */
    public static ProjectionHarness start(DataSource dataSource) {
        return start(dataSource, List.of());
    }

    /** Puts {@code initialEvents} into the store first, so that the processor's first batch contains all of them. */
    public static ProjectionHarness start(DataSource dataSource, List<EventMessage<?>> initialEvents) {
        AppliedEventLog appliedEvents = new AppliedEventLog(dataSource);
        ProjectionProgress progress = new ProjectionProgress(ProjectionProcessors.READ_MODEL, appliedEvents, null,
                null);
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
        for (Function<DataSource, Object> projection : PROJECTIONS) {
            configurer.eventProcessing().registerEventHandler(c -> projection.apply(dataSource));
        }
        ProjectionProcessors.registerTracking(configurer.eventProcessing(), progress, appliedEvents,
                Configuration::eventStore, c -> tokenStore, c -> transactions);
        Configuration axon = configurer.buildConfiguration();
        axon.eventStore().publish(initialEvents);
        axon.start();
        return new ProjectionHarness(axon, progress);
    }

    /** An event without a stream, as the Kafka converter delivers it: global position in metadata, stored timestamp. */
    public static EventMessage<?> event(Object payload, long position, Instant timestamp) {
        return new GenericEventMessage<>(new GenericMessage<>(UUID.randomUUID().toString(), payload,
                MetaData.with(EventEnvelope.GLOBAL_POSITION, position)), () -> timestamp);
    }

    /**
     * An event on the stream of aggregate {@code aggregateId} (next sequence number of that stream), with
     * {@code metadata} besides the global position.
     */
    public EventMessage<?> onStream(String aggregateType, String aggregateId, Object payload, long position,
                                    Instant timestamp, Map<String, ?> metadata) {
        Map<String, Object> all = new HashMap<>(metadata);
        all.put(EventEnvelope.GLOBAL_POSITION, position);
        long sequence = sequences.computeIfAbsent(aggregateId, id -> new AtomicLong()).getAndIncrement();
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                new GenericMessage<>(UUID.randomUUID().toString(), payload, MetaData.from(all)), () -> timestamp);
    }

    /**
     * An event published on its own (not by an aggregate), as the event store keeps it and the Kafka converter
     * delivers it: on a stream named by the event's own id, sequence 0, no aggregate type.
     */
    public static EventMessage<?> standalone(Object payload, long position, Instant timestamp,
                                             Map<String, ?> metadata) {
        Map<String, Object> all = new HashMap<>(metadata);
        all.put(EventEnvelope.GLOBAL_POSITION, position);
        String id = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>(null, id, 0L, new GenericMessage<>(id, payload, MetaData.from(all)),
                () -> timestamp);
    }

    /** A fresh global position, higher than every one handed out before. */
    public long nextPosition() {
        return positions.incrementAndGet();
    }

    /** Puts an event into the store; the processor picks it up. */
    public void publish(EventMessage<?> event) {
        axon.eventStore().publish(event);
    }

    /**
     * Publishes {@code payload} at a fresh position, on the stream of its first record component (the aggregate id
     * of most events), and waits until the projection has applied it.
     */
    public long publishAndAwait(Object payload, Instant timestamp) {
        return publishAndAwait(firstComponent(payload), payload, timestamp);
    }

    /** Publishes {@code payload} at a fresh position on the stream {@code aggregateId} and waits until applied. */
    public long publishAndAwait(String aggregateId, Object payload, Instant timestamp) {
        long position = nextPosition();
        publish(onStream("Aggregate", aggregateId, payload, position, timestamp, Map.of()));
        await(position);
        return position;
    }

    /** Waits until the projection has applied {@code position}; fails the test after {@link #WAIT}. */
    public void await(long position) {
        try {
            if (!progress.awaitApplied(position, WAIT)) {
                throw new AssertionError("position " + position + " not applied within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public ProjectionProgress progress() {
        return progress;
    }

    public Configuration axon() {
        return axon;
    }

    public TrackingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(ProjectionProcessors.READ_MODEL, TrackingEventProcessor.class)
                .orElseThrow();
    }

    @Override
    public void close() {
        axon.shutdown();
    }

    private static String firstComponent(Object payload) {
        if (!(payload instanceof Record record)) {
            return "no-stream";
        }
        try {
            return String.valueOf(record.getClass().getRecordComponents()[0].getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
