package dev.twinledger.commandside.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where and how stored events are published ({@code twinledger.kafka.*}).
 *
 * @param bootstrapServers  comma-separated {@code host:port} list of the Kafka cluster
 * @param topic             the one topic every event goes to, keyed by aggregate id
 * @param partitions        partitions of the topic when this service creates it (an existing topic is left alone)
 * @param replicationFactor replication factor when this service creates the topic; 1 only for a one-broker local run
 * @param healthTimeout     how long the health check waits for Kafka before reporting it DOWN
 * @param sendTimeout       how long the producer keeps trying to deliver one record before the publisher gives up on
 *                          the batch and retries it later (the events stay in the store; nothing is dropped)
 */
@Validated
@ConfigurationProperties("twinledger.kafka")
public record KafkaPublishingProperties(
        @DefaultValue("127.0.0.1:19092") @NotBlank String bootstrapServers,
        @DefaultValue("twinledger.events") @NotBlank String topic,
        @DefaultValue("6") @Positive int partitions,
        @DefaultValue("1") @Positive short replicationFactor,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration healthTimeout,
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration sendTimeout) {
}
