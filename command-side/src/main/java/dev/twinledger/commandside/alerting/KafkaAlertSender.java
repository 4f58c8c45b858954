package dev.twinledger.commandside.alerting;

import dev.twinledger.commandside.publishing.ProvisionedTopic;
import dev.twinledger.commandside.publishing.SharedKafkaAdmin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Produces an alert to the alerts topic (the row's subscriber), keyed by host id so a host's alerts stay in order in
 * one partition, and waits for the acknowledgement of all in-sync replicas. The topic is created, when missing, before
 * its first record, as the events topic is. The producer is created on first use, so the service starts while Kafka
 * is down; until Kafka answers, attempts fail and are retried like webhook attempts.
 *
 * <p>Records carry the headers {@code delivery} (the row id, stable across retries: a retry after a lost ack can
 * duplicate a record, consumers de-duplicate on it) and {@code event} ({@code capacity-alert.raised} / {@code .cleared}).
 */
public final class KafkaAlertSender implements DeliverySender, AutoCloseable {

    public static final String DELIVERY_HEADER = "delivery";
    public static final String EVENT_HEADER = "event";

    private final Map<String, Object> producerConfiguration;
    private final SharedKafkaAdmin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Duration sendTimeout;
    private final Map<String, ProvisionedTopic> topics = new ConcurrentHashMap<>();
    private Producer<String, byte[]> producer;

    /**
     * @param producerConfiguration the producer's settings (serializers: String keys, byte[] values)
     * @param admin                 checks and creates topics; closed with this sender
     * @param partitions            partitions of a topic this sender creates
     * @param replicationFactor     replication factor of a topic this sender creates
     * @param sendTimeout           how long one record may take to be acknowledged
     */
    public KafkaAlertSender(Map<String, Object> producerConfiguration, SharedKafkaAdmin admin, int partitions,
                            short replicationFactor, Duration sendTimeout) {
        this.producerConfiguration = Map.copyOf(producerConfiguration);
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.sendTimeout = sendTimeout;
    }

    /** The longest one attempt may take: the topic check, blocking for metadata, then the acknowledgement. */
    public Duration attemptBound() {
        return sendTimeout.multipliedBy(3);
    }

    @Override
    public DeliveryOutcome send(ClaimedDelivery delivery) {
        try {
            String topic = topics.computeIfAbsent(delivery.subscriber(),
                    name -> new ProvisionedTopic(admin, name, partitions, replicationFactor, sendTimeout))
                    .ensureExists();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, delivery.hostId(),
                    delivery.payload().getBytes(StandardCharsets.UTF_8), List.of(
                    new RecordHeader(DELIVERY_HEADER, delivery.id().toString().getBytes(StandardCharsets.UTF_8)),
                    new RecordHeader(EVENT_HEADER, delivery.eventType().getBytes(StandardCharsets.UTF_8))));
            producer().send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return DeliveryOutcome.delivered(null);
        } catch (ExecutionException e) {
            return DeliveryOutcome.failed(null, describe(e.getCause()));
        } catch (TimeoutException e) {
            return DeliveryOutcome.failed(null, "no acknowledgement within " + sendTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(null, "interrupted while sending (the service is stopping)");
        } catch (RuntimeException e) {
            // Topic check failures, a producer that cannot be created (unresolvable bootstrap), a send refused early.
            return DeliveryOutcome.failed(null, describe(e));
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfiguration);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
        admin.close();
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
