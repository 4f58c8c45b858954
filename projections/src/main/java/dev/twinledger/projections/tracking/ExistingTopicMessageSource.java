package dev.twinledger.projections.tracking;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/**
 * Opens the Kafka message source only once the events topic exists, creating it (with the same partition count the
 * command side uses) when it does not, and fails fast while Kafka is unreachable.
 *
 * <p>Why: the Kafka extension assigns the partitions that exist when a stream opens and never looks again. Opened
 * before the first event was ever published (topic not yet created), the processor would read nothing, forever.
 * Waiting for the command side to create it would put the processor into its retry back-off (up to a minute), so the
 * first events of a new installation would show up late; creating it here is idempotent and avoids both. Failing
 * (Kafka unreachable) puts the processor into retry mode, and a later attempt opens the stream on the real
 * partitions. The check is bounded by the admin timeout, where the consumer's own metadata call would block for a
 * minute while Kafka is down.
 */
public final class ExistingTopicMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final KafkaTopicAdmin topicAdmin;
    private final int partitions;
    private final short replicationFactor;

    /**
     * Guards {@code delegate}, which reads {@link KafkaTopicAdmin#topic()}; a missing topic is created with
     * {@code partitions} and {@code replicationFactor}.
     */
    public ExistingTopicMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate,
                                      KafkaTopicAdmin topicAdmin, int partitions, short replicationFactor) {
        this.delegate = delegate;
        this.topicAdmin = topicAdmin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        if (topicAdmin.partitionCount() == 0 && topicAdmin.createIfMissing(partitions, replicationFactor) == 0) {
            throw new IllegalStateException("Kafka topic '" + topicAdmin.topic() + "' does not exist and could not"
                    + " be created; will retry");
        }
        return delegate.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }
}
