package dev.twinledger.commandside.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves every event to the one events topic, and makes sure that topic exists, with our partition count, before
 * the first record is sent. Broker-side auto-creation would otherwise create it on the first send with the broker's
 * default partition count (often 1), which cannot be lowered later and limits how far consumers scale.
 *
 * <p>The check runs on the publisher's thread, not at startup, so the service starts while Kafka is down; when Kafka
 * is unreachable the check fails, the publisher's batch is rolled back and retried later, and nothing is lost. An
 * existing topic is left as it is.
 */
public final class ProvisionedTopic implements TopicResolver {

    private static final Logger log = LoggerFactory.getLogger(ProvisionedTopic.class);

    private final SharedKafkaAdmin admin;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private final Duration timeout;
    private volatile boolean provisioned;

    public ProvisionedTopic(SharedKafkaAdmin admin, String topic, int partitions, short replicationFactor,
                            Duration timeout) {
        this.admin = admin;
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    @Override
    public Optional<String> apply(EventMessage<?> event) {
        return Optional.of(ensureExists());
    }

    /**
     * Creates the topic unless it exists (checked once per instance) and answers its name; throws
     * {@link IllegalStateException} when Kafka cannot tell within the timeout. Also used for topics other than the
     * events topic (the alerts topic).
     */
    public String ensureExists() {
        if (!provisioned) {
            provision();
        }
        return topic;
    }

    /** The topic name every event goes to. */
    public String topic() {
        return topic;
    }

    private synchronized void provision() {
        if (provisioned) {
            return;
        }
        try {
            admin.get().createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {} with {} partitions, replication factor {}", topic, partitions,
                    replicationFactor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                log.debug("Topic {} exists", topic);
            } else if (exists()) {
                // E.g. a cluster whose ACLs let this service write but not create topics: an operator made it.
                log.info("Topic {} exists; could not create it ourselves ({})", topic, e.getCause().toString());
            } else {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while checking topic " + topic,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic " + topic, e);
        }
        provisioned = true;
    }

    private boolean exists() {
        try {
            return admin.get().listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
