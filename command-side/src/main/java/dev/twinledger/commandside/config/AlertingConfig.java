package dev.twinledger.commandside.config;

import dev.twinledger.commandside.alerting.AlertDeliveryHealthIndicator;
import dev.twinledger.commandside.alerting.AlertDeliveryMetrics;
import dev.twinledger.commandside.alerting.AlertDeliveryStore;
import dev.twinledger.commandside.alerting.AlertDispatcher;
import dev.twinledger.commandside.alerting.AlertRouter;
import dev.twinledger.commandside.alerting.AlertRoutes;
import dev.twinledger.commandside.alerting.AlertRoutingHandler;
import dev.twinledger.commandside.alerting.Backoff;
import dev.twinledger.commandside.alerting.DeliveryChannel;
import dev.twinledger.commandside.alerting.KafkaAlertSender;
import dev.twinledger.commandside.alerting.RouteRule;
import dev.twinledger.commandside.alerting.Subscriber;
import dev.twinledger.commandside.alerting.WebhookSender;
import dev.twinledger.commandside.publishing.SharedKafkaAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert routing and delivery: the {@value AlertRoutingHandler#PROCESSING_GROUP} tracking processor that fills the
 * outbox, the dispatcher that works it off to webhooks and the alerts topic, and their metrics and health.
 */
@Configuration(proxyBeanMethods = false)
public class AlertingConfig {

    /** Alert events per routing transaction. */
    static final int ROUTING_BATCH_SIZE = 10;
    private static final Duration ADMIN_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(10);

    @Bean
    AlertRouter alertRouter(AlertsProperties alerts) {
        List<RouteRule> rules = alerts.routes().stream()
                .map(route -> new RouteRule(route.severity(), route.siteId(), route.level()))
                .toList();
        return new AlertRouter(new AlertRoutes(rules, alerts.defaultLevel()), subscribers(alerts),
                alerts.topic().enabled() ? Optional.of(alerts.topic().name()) : Optional.empty());
    }

    @Bean
    AlertDeliveryStore alertDeliveryStore(JdbcTemplate jdbc) {
        return new AlertDeliveryStore(jdbc);
    }

    /**
     * The routing processor. It starts at the head of the store the first time it runs, so a first deployment does
     * not page anyone about alerts of the past; from then on its token in {@code token_entry} says where to go on.
     * Errors propagate (Axon's default would log and skip the event): the batch rolls back and is retried, so no
     * alert is left unrouted.
     */
    @Bean
    ConfigurerModule alertRoutingProcessor(AlertRouter router, AlertDeliveryStore store) {
        AlertRoutingHandler handler = new AlertRoutingHandler(router, store);
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(AlertRoutingHandler.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(ROUTING_BATCH_SIZE)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(AlertRoutingHandler.PROCESSING_GROUP,
                        axon -> PropagatingErrorHandler.instance())
                .registerEventHandler(axon -> handler);
    }

    @Bean
    WebhookSender webhookSender(AlertsProperties alerts) {
        return new WebhookSender(subscribers(alerts), alerts.delivery().requestTimeout(), Clock.systemUTC());
    }

    /**
     * The alerts topic's producer, with the guarantees of the events publisher: idempotent, acks from all in-sync
     * replicas, on the service's Kafka cluster. It has its own admin client, so it works when event publishing is
     * switched off on this command side.
     */
    @Bean(destroyMethod = "close")
    KafkaAlertSender kafkaAlertSender(KafkaPublishingProperties kafka, TwinledgerProperties service) {
        Map<String, Object> admin = new HashMap<>();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(service, "alerts-admin"));
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_REQUEST_TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_REQUEST_TIMEOUT.multipliedBy(2).toMillis());
        admin.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX.toMillis());
        // Not a bean: a second SharedKafkaAdmin bean would make the publisher's injection ambiguous.
        SharedKafkaAdmin alertsAdmin = new SharedKafkaAdmin(admin);

        long send = kafka.sendTimeout().toMillis();
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(service, "alerts"));
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) send);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (send / 2));
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, send / 3);
        producer.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX.toMillis());
        return new KafkaAlertSender(producer, alertsAdmin, kafka.partitions(), kafka.replicationFactor(),
                kafka.sendTimeout());
    }

    @Bean
    AlertDeliveryMetrics alertDeliveryMetrics(MeterRegistry registry, AlertDeliveryStore store) {
        return new AlertDeliveryMetrics(registry, store);
    }

    @Bean
    AlertDispatcher alertDispatcher(AlertDeliveryStore store, WebhookSender webhooks, KafkaAlertSender kafka,
                                    AlertDeliveryMetrics metrics, AlertsProperties alerts,
                                    TwinledgerProperties service) {
        AlertsProperties.Delivery delivery = alerts.delivery();
        Duration attemptBound = webhooks.attemptBound().compareTo(kafka.attemptBound()) > 0
                ? webhooks.attemptBound() : kafka.attemptBound();
        return new AlertDispatcher(store, Map.of(DeliveryChannel.WEBHOOK, webhooks, DeliveryChannel.KAFKA, kafka),
                metrics, new Backoff(delivery.initialBackoff(), delivery.maxBackoff(), delivery.multiplier(),
                delivery.jitter()), delivery.maxAttempts(), delivery.batchSize(), delivery.pollInterval(),
                attemptBound, service.siteId() + "/" + UUID.randomUUID());
    }

    @Bean
    HealthIndicator alertDeliveriesHealthIndicator(AlertDeliveryStore store) {
        return new AlertDeliveryHealthIndicator(store);
    }

    private static List<Subscriber> subscribers(AlertsProperties alerts) {
        return alerts.subscribers().stream()
                .map(s -> new Subscriber(s.name(), s.levels(), java.net.URI.create(s.url()),
                        s.secret().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static String clientId(TwinledgerProperties service, String role) {
        return "twinledger-command-side-" + service.siteId() + "-" + role;
    }
}
