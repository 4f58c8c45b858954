package dev.twinledger.commandside.config;

import dev.twinledger.commandside.authorization.CommandAuthorizer;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.command.EventMetadataProvider;
import dev.twinledger.commandside.command.PublishedEvents;
import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.commandside.eventstore.EventStoreSchema;
import dev.twinledger.commandside.inventory.EventSourcedInventoryLookup;
import dev.twinledger.commandside.inventory.EventSourcedVolumeAttachments;
import dev.twinledger.commandside.inventory.HostMemory;
import dev.twinledger.commandside.inventory.InventoryAggregates;
import dev.twinledger.commandside.inventory.InventoryLookup;
import dev.twinledger.commandside.inventory.VolumeAttachments;
import dev.twinledger.commandside.storage.StorageAggregates;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon on PostgreSQL: the JDBC event storage engine and token store over the Flyway-owned schema, the inventory
 * inventory and storage aggregates and what their handlers are given, the metadata every event carries, and how a
 * command's answer finds the position of what it stored. Declared here, not left to Axon's auto-configuration,
 * because its defaults do not fit: camelCase table names, and a duplicate-key detector that does not recognise
 * PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    /** PostgreSQL's SQLSTATE for unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    EventSchema eventSchema() {
        return EventStoreSchema.events();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return EventStoreSchema.deadLetters();
    }

    /**
     * Axon's default for JDBC looks for {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver
     * never throws (it throws {@code PSQLException} with a SQLSTATE). Matching the SQLSTATE makes a second stream
     * under a taken id surface as Axon's {@code AggregateStreamCreationException} (a later duplicate sequence as
     * {@code ConcurrencyException}) instead of an opaque storage error.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration axon,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    /**
     * Declared explicitly so no other token store (the Kafka extension can contribute one) is ever chosen: the
     * publisher's position must live in the same database, and commit with the same guarantees, as the events.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .build();
    }

    @Bean
    EventStorePositions eventStorePositions(JdbcTemplate jdbc) {
        return new EventStorePositions(jdbc);
    }

    @Bean
    ConfigurerModule inventoryAggregates() {
        return new InventoryAggregates();
    }

    @Bean
    InventoryLookup inventoryLookup(org.axonframework.config.Configuration axon) {
        return new EventSourcedInventoryLookup(axon);
    }

    /** Given to VM command handlers by Axon (a handler parameter resolved from the Spring context). */
    @Bean
    HostMemory hostMemory(org.axonframework.config.Configuration axon, CapacityProperties capacity) {
        return new HostMemory(axon, capacity.thresholds());
    }

    /**
     * Registered on the event bus itself: Axon's auto-configuration would put an event dispatch interceptor bean on
     * the event gateway only, which aggregates do not publish through.
     */
    @Bean
    PublishedEvents publishedEvents(EventBus eventBus) {
        PublishedEvents published = new PublishedEvents();
        eventBus.registerDispatchInterceptor(published);
        return published;
    }

    @Bean
    ConfigurerModule storageAggregates() {
        return new StorageAggregates();
    }

    @Bean
    VolumeAttachments volumeAttachments(org.axonframework.config.Configuration axon) {
        return new EventSourcedVolumeAttachments(axon);
    }

    @Bean
    CorrelationDataProvider eventMetadataProvider(TwinledgerProperties properties) {
        return new EventMetadataProvider(properties.siteId());
    }

    @Bean
    CommandSender commandSender(CommandGateway gateway, EventStorePositions positions, PublishedEvents published,
                                CommandAuthorizer authorizer, DenialRecorder denials,
                                CorrelationDataProvider eventMetadataProvider) {
        return new CommandSender(gateway, positions, published, authorizer, denials, eventMetadataProvider);
    }
}
