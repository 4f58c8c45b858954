package dev.twinledger.projections.tracking;

/**
 * How far a projection's consumer is behind on one partition of the events topic.
 *
 * @param partition    the partition number
 * @param lastConsumed the offset of the last record the committed token has consumed; null when none yet
 * @param endOffset    the topic's end offset (the offset the next produced record will get)
 * @param lag          records on the partition not yet consumed, at least 0
 */
public record PartitionLag(int partition, Long lastConsumed, long endOffset, long lag) {
}
