package dev.twinledger.transport;

import java.time.Instant;

/**
 * A marker the command side puts on every partition of the events topic: every event whose global position is below
 * {@code publishedBelow} has been published and acknowledged by Kafka before this marker was sent (or its position
 * is a gap the event store has given up on). Because Kafka keeps each partition in order, a consumer that has read
 * this marker from partition P has also read every such event that went to P. Once a consumer has read a marker
 * with at least W from every partition, no event below W can still reach it: the audit log seals its hash chain up to
 * there (ADR 14).
 *
 * <p>Travels with the header {@link EnvelopeKafkaMessageConverter#TYPE_HEADER} = {@link #TYPE} and no key; it is no
 * event and has no global position. Consumers that read the topic for events skip it.
 *
 * @param publishedBelow every position below this one is published
 * @param partitions     how many partitions the topic had when the marker was sent, so a consumer knows how many
 *                       markers it must have seen
 * @param partition      the partition this marker was sent to (the consumer also knows it from the record)
 * @param sentAt         when it was sent
 */
public record PublicationWatermark(long publishedBelow, int partitions, int partition, Instant sentAt) {

    /** The type header value of a watermark record. */
    public static final String TYPE = "twinledger.publication-watermark";
}
