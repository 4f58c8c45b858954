package dev.twinledger.projections.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the projections read events from ({@code twinledger.kafka.*}). These are the only Kafka settings the
 * projections use; the Axon Kafka extension's own {@code axon.kafka.bootstrap-servers} and
 * {@code axon.kafka.default-topic} play no part in consumption.
 *
 * @param bootstrapServers Kafka bootstrap servers, comma-separated {@code host:port}; default {@code 127.0.0.1:19092}
 * @param topic            the events topic the command side publishes to; default {@code twinledger.events}
 * @param adminTimeout     upper bound of each metadata call made for health, lag and the topic check; default 2 s
 */
@ConfigurationProperties("twinledger.kafka")
public record ProjectionsKafkaProperties(String bootstrapServers, String topic, Duration adminTimeout) {

    /** Fills in the local-run defaults. */
    public ProjectionsKafkaProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            bootstrapServers = "127.0.0.1:19092";
        }
        if (topic == null || topic.isBlank()) {
            topic = "twinledger.events";
        }
        if (adminTimeout == null || adminTimeout.isZero() || adminTimeout.isNegative()) {
            adminTimeout = Duration.ofSeconds(2);
        }
    }
}
