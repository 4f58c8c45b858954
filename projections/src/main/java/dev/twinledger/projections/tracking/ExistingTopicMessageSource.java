package dev.twinledger.projections.tracking;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/**
 * Opens the Kafka message source only once the events topic exists, and fails fast while Kafka is unreachable.
 *
 * <p>Why: the Kafka extension assigns the partitions that exist when a stream opens and never looks again. Opened
 * before the first event was ever published (topic not yet created), the processor would read nothing, forever.
 * Failing instead puts the tracking processor into its retry mode (back-off up to a minute), and a later attempt
 * opens the stream on the real partitions. The check is also bounded by the admin timeout, where the consumer's own
 * metadata call would block for a minute while Kafka is down.
 */
public final class ExistingTopicMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final KafkaTopicAdmin topicAdmin;

    /** Guards {@code delegate}, which reads {@link KafkaTopicAdmin#topic()}. */
    public ExistingTopicMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate,
                                      KafkaTopicAdmin topicAdmin) {
        this.delegate = delegate;
        this.topicAdmin = topicAdmin;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        if (topicAdmin.partitionCount() == 0) {
            throw new IllegalStateException("Kafka topic '" + topicAdmin.topic()
                    + "' does not exist yet; will retry (it is created when the first event is published)");
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
