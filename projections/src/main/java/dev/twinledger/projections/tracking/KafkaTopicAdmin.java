package dev.twinledger.projections.tracking;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Short, bounded questions to Kafka about the events topic: is the cluster there, how many partitions does the topic
 * have, and what are its offsets. Every call gives up after the configured timeout with
 * {@link KafkaUnavailableException}, so health checks stay fast while Kafka is down.
 *
 * <p>Each call uses a short-lived admin client, closed when the call ends. A kept client would go on reconnecting
 * in the background while Kafka is down and log a WARN every few seconds even when nobody asks; this way Kafka is
 * contacted only when a health check or the processor asks. Creating this object never contacts Kafka. Thread-safe.
 */
public class KafkaTopicAdmin {

    /**
     * What a probe of the cluster found.
     *
     * @param clusterId  the cluster's id
     * @param brokers    brokers the cluster reports
     * @param partitions partitions of the events topic; 0 while the topic does not exist
     */
    public record ClusterInfo(String clusterId, int brokers, int partitions) {
    }

    /**
     * The offsets of one partition.
     *
     * @param earliest the first offset still retained
     * @param latest   the end offset (the offset the next record will get)
     */
    public record OffsetRange(long earliest, long latest) {
    }

    /** Kafka did not answer in time, or answered with an error. */
    public static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;

    /**
     * @param bootstrapServers Kafka bootstrap servers, comma-separated {@code host:port}
     * @param topic            the events topic
     * @param timeout          how long any one call may take
     */
    public KafkaTopicAdmin(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** The events topic these calls are about. */
    public String topic() {
        return topic;
    }

    /** The cluster id, broker count and partition count of the topic. */
    public ClusterInfo describe() {
        return call("describe the cluster", admin -> {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs()));
            String clusterId = cluster.clusterId().get(timeoutMs(), TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(timeoutMs(), TimeUnit.MILLISECONDS).size();
            return new ClusterInfo(clusterId, brokers, partitionCount(admin));
        });
    }

    /** Partitions of the topic; 0 while it does not exist. */
    public int partitionCount() {
        return call("describe topic " + topic, this::partitionCount);
    }

    /**
     * Creates the topic unless it exists; a topic that exists (made by the command side, an operator, or a
     * concurrent call) is left as it is.
     *
     * @return the topic's partition count afterwards
     */
    public int createIfMissing(int partitions, short replicationFactor) {
        return call("create topic " + topic, admin -> {
            try {
                admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions,
                        replicationFactor))).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
            return partitionCount(admin);
        });
    }

    /** Earliest and end offsets of every partition of the topic, by partition number; empty while it does not exist. */
    public Map<Integer, OffsetRange> partitionOffsets() {
        return call("list offsets of topic " + topic, admin -> {
            int partitions = partitionCount(admin);
            Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest());
            Map<Integer, OffsetRange> ranges = new TreeMap<>();
            latest.forEach((partition, end) -> ranges.put(partition.partition(),
                    new OffsetRange(earliest.get(partition).offset(), end.offset())));
            return ranges;
        });
    }

    private int partitionCount(Admin admin) throws Exception {
        try {
            Map<String, TopicDescription> topics = admin
                    .describeTopics(java.util.List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                    .allTopicNames().get(timeoutMs(), TimeUnit.MILLISECONDS);
            return topics.get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, int partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs()))
                .all().get(timeoutMs(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String what, AdminCall<T> call) {
        Admin admin = null;
        try {
            admin = Admin.create(adminConfig());
            return call.apply(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while trying to " + what, e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailableException("could not " + what + " at " + bootstrapServers + " within "
                    + timeout.toMillis() + " ms: " + cause, cause);
        } finally {
            if (admin != null) {
                // Bounded: the default close waits for calls still in flight, which may never finish.
                admin.close(Duration.ofMillis(200));
            }
        }
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs(),
                // The client logs a WARN per failed connection attempt; attempts 0.5 s apart keep a call against
                // an unreachable Kafka to a few lines instead of a dozen.
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 500,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "twinledger-projections-admin");
    }

    private int timeoutMs() {
        return (int) Math.max(1, timeout.toMillis());
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T apply(Admin admin) throws Exception;
    }
}
