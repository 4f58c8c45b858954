package dev.twinledger.commandside.config;

import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.commandside.publishing.KafkaHealthIndicator;
import dev.twinledger.commandside.publishing.ProvisionedTopic;
import dev.twinledger.commandside.publishing.PublishingHealthIndicator;
import dev.twinledger.commandside.publishing.SharedKafkaAdmin;
import dev.twinledger.commandside.publishing.StoredEventPositions;
import dev.twinledger.commandside.publishing.WatermarkBeacon;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishing the event store to Kafka with the Axon Kafka extension. The extension's auto-configuration registers
 * the {@link KafkaEventPublisher} in its processing group as a tracking processor (property
 * {@code axon.kafka.producer.event-processor-mode: tracking}); the beans here replace its defaults where they would
 * lose or misplace data: the envelope wire format, acks from all in-sync replicas with an idempotent producer, and a
 * publisher that starts from the tail of the store.
 *
 * <p>Switched off with the extension's own {@code axon.kafka.publisher.enabled=false}; events are then stored but not
 * published until a command side with publishing enabled runs against the same store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "true", matchIfMissing = true)
public class KafkaPublishingConfig {

    /** Events per publisher transaction; batch size 1 (Axon's default) lags by seconds under load. */
    static final int PUBLISHER_BATCH_SIZE = 100;
    /** How often the publisher's committed position is announced to consumers, when it moved. */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(250);
    private static final Duration ADMIN_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(10);

    /**
     * The wire format shared with every consumer (module event-transport), with each event's global position read
     * from the store (see {@link StoredEventPositions} for why not from the publisher's token).
     */
    @Bean
    KafkaMessageConverter<String, byte[]> envelopeKafkaMessageConverter(EventStorePositions positions) {
        return new EnvelopeKafkaMessageConverter(new StoredEventPositions(positions));
    }

    @Bean(destroyMethod = "close")
    SharedKafkaAdmin sharedKafkaAdmin(KafkaPublishingProperties kafka, TwinledgerProperties service) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(service, "admin"));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_REQUEST_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_REQUEST_TIMEOUT.multipliedBy(2).toMillis());
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX.toMillis());
        return new SharedKafkaAdmin(config);
    }

    @Bean
    ProvisionedTopic eventsTopic(SharedKafkaAdmin admin, KafkaPublishingProperties kafka) {
        return new ProvisionedTopic(admin, kafka.topic(), kafka.partitions(), kafka.replicationFactor(),
                kafka.sendTimeout());
    }

    /**
     * An idempotent producer waiting for all in-sync replicas, and a publisher that waits for each record's ack: the
     * publisher's token only moves past an event once Kafka has it. While Kafka is unreachable sends fail after
     * {@code max.block.ms} or {@code delivery.timeout.ms}, the batch is rolled back and retried with back-off.
     */
    @Bean(name = "axonKafkaProducerFactory", destroyMethod = "shutDown")
    ProducerFactory<String, byte[]> axonKafkaProducerFactory(KafkaPublishingProperties kafka,
                                                             TwinledgerProperties service) {
        long send = kafka.sendTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(service, "publisher"));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) send);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (send / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, send / 3);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX.toMillis());
        return DefaultProducerFactory.<String, byte[]>builder()
                .configuration(config)
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK)
                .build();
    }

    @Bean(destroyMethod = "shutDown")
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<String, byte[]> axonKafkaProducerFactory,
                                                  KafkaMessageConverter<String, byte[]> converter,
                                                  TopicResolver eventsTopic,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer,
                                                  KafkaPublishingProperties kafka) {
        return KafkaPublisher.<String, byte[]>builder()
                .producerFactory(axonKafkaProducerFactory)
                .messageConverter(converter)
                .topicResolver(eventsTopic)
                .serializer(eventSerializer)
                // A little longer than the producer's own delivery timeout, so the producer's verdict is what we see.
                .publisherAckTimeout(kafka.sendTimeout().plusSeconds(5).toMillis())
                .build();
    }

    /**
     * The publisher's tracking processor. A new tracking processor starts at the head of the store by default, so
     * every event stored before the publisher first ran would never reach Kafka; starting from the tail publishes
     * the whole store once, and from then on the stored token says where to continue.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(PUBLISHER_BATCH_SIZE)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    /**
     * Tells consumers, on every partition, how far the publisher has published for certain; the audit log's chain
     * seals up to there (ADR 14).
     */
    @Bean
    WatermarkBeacon publicationWatermarkBeacon(EventProcessingConfiguration processing, EventStorePositions positions,
                                               ProducerFactory<String, byte[]> axonKafkaProducerFactory,
                                               ProvisionedTopic eventsTopic, KafkaPublishingProperties kafka) {
        return new WatermarkBeacon(processing, positions, KafkaEventPublisher.DEFAULT_PROCESSING_GROUP, axonKafkaProducerFactory,
                eventsTopic, WATERMARK_INTERVAL, kafka.sendTimeout(), Clock.systemUTC());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(SharedKafkaAdmin admin, KafkaPublishingProperties kafka) {
        return new KafkaHealthIndicator(admin, kafka.bootstrapServers(), kafka.healthTimeout());
    }

    @Bean
    HealthIndicator publishingHealthIndicator(EventProcessingConfiguration processing, EventStorePositions positions) {
        return new PublishingHealthIndicator(processing, KafkaEventPublisher.DEFAULT_PROCESSING_GROUP, positions);
    }

    private static String clientId(TwinledgerProperties service, String role) {
        return "twinledger-command-side-" + service.siteId() + "-" + role;
    }
}
