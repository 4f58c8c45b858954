package dev.twinledger.queryside.kafka;

import dev.twinledger.projections.tracking.ExistingTopicMessageSource;
import dev.twinledger.projections.tracking.KafkaTopicAdmin;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new installation: the query side starts before anything was published, so the events topic does not exist.
 * The projection creates it (with the command side's partition count) and opens at once, instead of backing off
 * for up to a minute while the first events wait unseen.
 */
class TopicCreationIT {

    private static EmbeddedKafkaKraftBroker kafka;

    @BeforeAll
    static void startKafkaWithoutTopics() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperty("auto.create.topics.enable", "false");
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void missingTopicIsCreatedWithTheConfiguredPartitionsBeforeTheStreamOpens() {
        KafkaTopicAdmin admin = new KafkaTopicAdmin(kafka.getBrokersAsString(), "new.events", Duration.ofSeconds(5));
        assertThat(admin.partitionCount()).isZero();
        OpenCounter delegate = new OpenCounter();

        new ExistingTopicMessageSource(delegate, admin, 6, (short) 1).openStream(null);

        assertThat(admin.partitionCount()).isEqualTo(6);
        assertThat(delegate.opened.get()).isEqualTo(1);
    }

    @Test
    void existingTopicIsLeftAsItIs() {
        KafkaTopicAdmin admin = new KafkaTopicAdmin(kafka.getBrokersAsString(), "old.events", Duration.ofSeconds(5));
        admin.createIfMissing(2, (short) 1);

        new ExistingTopicMessageSource(new OpenCounter(), admin, 6, (short) 1).openStream(null);

        assertThat(admin.partitionCount()).isEqualTo(2);
    }

    /** Stands in for the Kafka source: only counts how often it was opened. */
    private static final class OpenCounter implements StreamableMessageSource<TrackedEventMessage<?>> {
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            opened.incrementAndGet();
            return null;
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return null;
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return null;
        }
    }
}
