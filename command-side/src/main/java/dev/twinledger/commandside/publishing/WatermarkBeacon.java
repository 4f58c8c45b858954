package dev.twinledger.commandside.publishing;

import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import dev.twinledger.transport.PublicationWatermark;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Sends a {@link PublicationWatermark} to every partition of the events topic whenever the publisher's committed
 * position has moved, so consumers can tell when no lower global position can still reach them (the audit log's hash
 * chain seals up to there; ADR 14).
 *
 * <p>The watermark is read from the publisher's processing status, which Axon advances only after a batch's unit of
 * work has committed, and the publisher commits only after Kafka acknowledged every record of the batch. So every event
 * below the watermark is in its partition's log before the marker that follows it there. For Axon's gap-aware token
 * the watermark is its lowest open gap (an event that may still commit late) or, without gaps, the index after the
 * highest one, except that a gap is given up once the first event stored after it is older than {@link #GAP_TIMEOUT}
 * (Axon's own rule and default for abandoning gaps): a transaction that rolled back after taking a position leaves a
 * gap that never fills, and would otherwise hold the watermark back until Axon drops the gap, which it does only
 * once many gaps have piled up.
 *
 * <p>Only the instance that holds the publisher's segment sends; the others find no status and stay quiet. A failed
 * send is logged at DEBUG and tried again at the next tick: a late marker only delays sealing.
 */
public final class WatermarkBeacon implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatermarkBeacon.class);

    /** How long a gap may stay open before the watermark passes it. */
    public static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    private final EventProcessingConfiguration processing;
    private final EventStorePositions positions;
    private final String publisherName;
    private final ProducerFactory<String, byte[]> producers;
    private final ProvisionedTopic topic;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final EnvelopeKafkaMessageConverter converter = new EnvelopeKafkaMessageConverter();
    private ScheduledExecutorService executor;
    private long lastSent = -1;
    private long lastSentAtMillis;

    /**
     * @param interval how often to look at the publisher's position
     * @param timeout  how long to wait for Kafka's acknowledgements of one round of markers
     */
    public WatermarkBeacon(EventProcessingConfiguration processing, EventStorePositions positions, String publisherName,
                           ProducerFactory<String, byte[]> producers, ProvisionedTopic topic, Duration interval,
                           Duration timeout, Clock clock) {
        this.processing = processing;
        this.positions = positions;
        this.publisherName = publisherName;
        this.producers = producers;
        this.topic = topic;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * The watermark a tracking token stands for: every position below it has been processed, or is a gap given up on;
     * empty for a token of an unknown kind.
     *
     * @param nextStoredAt    when the first stored event after a position was stored
     * @param abandonedBefore a gap followed by an event stored before this instant is given up
     */
    public static OptionalLong watermarkOf(TrackingToken token, LongFunction<Optional<Instant>> nextStoredAt,
                                           Instant abandonedBefore) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null) {
            // A replay that has not reached its first event: nothing is known to be published yet.
            return OptionalLong.of(0);
        }
        if (unwrapped instanceof GapAwareTrackingToken gapAware) {
            for (long gap : gapAware.getGaps()) {
                Optional<Instant> next = nextStoredAt.apply(gap);
                if (next.isEmpty() || !next.get().isBefore(abandonedBefore)) {
                    return OptionalLong.of(gap);
                }
            }
            return OptionalLong.of(gapAware.getIndex() + 1);
        }
        if (unwrapped instanceof GlobalSequenceTrackingToken sequence) {
            return OptionalLong.of(sequence.getGlobalIndex() + 1);
        }
        return OptionalLong.empty();
    }

    /**
     * Sends one round of markers if the publisher's committed watermark moved (or a minute passed, so a consumer
     * reading from a fresh topic still hears one). Public for tests; the schedule calls it every interval.
     *
     * @return the watermark sent, or empty when nothing was sent
     */
    public synchronized OptionalLong sendIfMoved() {
        OptionalLong watermark = committedWatermark();
        long now = clock.millis();
        if (watermark.isEmpty()
                || (watermark.getAsLong() <= lastSent && now - lastSentAtMillis < Duration.ofMinutes(1).toMillis())) {
            return OptionalLong.empty();
        }
        try {
            send(watermark.getAsLong());
            lastSent = watermark.getAsLong();
            lastSentAtMillis = now;
            return watermark;
        } catch (Exception e) {
            log.debug("publication watermark {} not sent, trying again in {}: {}", watermark.getAsLong(), interval,
                    e.toString());
            return OptionalLong.empty();
        }
    }

    private OptionalLong committedWatermark() {
        Collection<EventTrackerStatus> segments = processing
                .eventProcessor(publisherName, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().values())
                .orElse(List.of());
        if (segments.size() != 1 || segments.iterator().next().isErrorState()) {
            // Not ours (another instance holds the claim), or the publisher is retrying a failed batch.
            return OptionalLong.empty();
        }
        TrackingToken token = segments.iterator().next().getTrackingToken();
        return token == null ? OptionalLong.of(0)
                : watermarkOf(token, positions::storedAtOfFirstAfter, clock.instant().minus(GAP_TIMEOUT));
    }

    private void send(long watermark) throws Exception {
        String name = topic.ensureExists();
        Producer<String, byte[]> producer = producers.createProducer();
        try {
            int partitions = producer.partitionsFor(name).size();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                ProducerRecord<String, byte[]> record = converter.createWatermarkRecord(name,
                        new PublicationWatermark(watermark, partitions, partition, clock.instant()));
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            log.debug("publication watermark {} sent to {} partitions of {}", watermark, partitions, name);
        } finally {
            // The factory shares one producer in this confirmation mode; close() hands it back.
            producer.close();
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "publication-watermark");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sendIfMoved, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
