package dev.twinledger.localstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart path the system tests rely on: a record acknowledged with acks=all survives a SIGKILL of the broker
 * and is readable after {@link KafkaBroker#restart()} on the same ports.
 */
class KafkaBrokerIT {

    private KafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void acknowledgedRecordSurvivesKillAndRestart() throws Exception {
        Path workDir = freshDir("kafka-it");
        broker = KafkaBroker.builder(workDir).logFile(workDir.resolve("kafka.log")).build();
        broker.start();
        System.out.printf("Kafka first start (with format) in %.1f s%n", broker.lastStartupTime().toMillis() / 1e3);
        String bootstrap = broker.bootstrapServers();
        int port = broker.port();

        String topic = "durability-" + UUID.randomUUID();
        String value = "hello " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "key", value)).get(60, TimeUnit.SECONDS);
            assertThat(metadata.offset()).isZero();
        }
        assertThat(readAll(bootstrap, topic, 1)).containsExactly(value);

        long pidBefore = broker.pid();
        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        broker.restart();
        System.out.printf("Kafka restart after kill in %.1f s%n", broker.lastStartupTime().toMillis() / 1e3);
        assertThat(broker.port()).isEqualTo(port);
        assertThat(broker.pid()).isNotEqualTo(pidBefore);
        assertThat(readAll(broker.bootstrapServers(), topic, 1)).containsExactly(value);
        assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
