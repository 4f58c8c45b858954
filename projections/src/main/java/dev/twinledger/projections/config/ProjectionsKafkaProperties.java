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
 * @param partitions        partitions of the events topic if the projections have to create it; default 6, the
 *                          same as the command side's {@code twinledger.kafka.partitions}
 * @param replicationFactor its replication factor if created here; default 1 (a single local broker)
 */
@ConfigurationProperties("twinledger.kafka")
public record ProjectionsKafkaProperties(String bootstrapServers, String topic, Duration adminTimeout,
                                         Integer partitions, Short replicationFactor) {

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
        if (partitions == null || partitions < 1) {
            partitions = 6;
        }
        if (replicationFactor == null || replicationFactor < 1) {
            replicationFactor = (short) 1;
        }
    }
}
