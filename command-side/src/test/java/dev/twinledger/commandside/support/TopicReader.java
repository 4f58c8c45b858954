package dev.twinledger.commandside.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import dev.twinledger.transport.PublicationWatermark;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic from the beginning, without a consumer group, the way a person checking it would. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Every event record on {@code topic} (publication watermarks left out), polling until {@code done} holds for
     * what was read or {@code timeout} passes (then returns what it has; the caller's assertions say what is missing).
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        return read(bootstrap, topic, record -> !isWatermark(record), done, timeout);
    }

    /** The publication watermark records on {@code topic}, read like {@link #readUntil}. */
    public static List<ConsumerRecord<String, byte[]>> watermarksUntil(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        return read(bootstrap, topic, TopicReader::isWatermark, done, timeout);
    }

    /** Whether a record is a {@link PublicationWatermark} rather than an event. */
    public static boolean isWatermark(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EnvelopeKafkaMessageConverter.TYPE_HEADER);
        return type != null && PublicationWatermark.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> keep, Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<PartitionInfo> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                try {
                    partitions = consumer.listTopics(Duration.ofSeconds(5)).getOrDefault(topic, List.of());
                } catch (TimeoutException e) {
                    // The broker may still be coming up; keep asking until the deadline.
                }
                if (partitions.isEmpty()) {
                    sleep();
                }
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (keep.test(record)) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }

    /** The topic's partition count as the broker reports it. */
    public static int partitions(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
