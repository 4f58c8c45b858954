package dev.twinledger.queryside.health;

import dev.twinledger.projections.config.ProjectionsKafkaProperties;
import dev.twinledger.projections.tracking.KafkaTopicAdmin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kafka}: can the cluster be reached within the admin timeout (2 s by default), and does the
 * events topic exist. Deliberately not part of readiness: queries are answered from the read model while Kafka is
 * down, only fresher data has to wait.
 */
@Component
public class KafkaHealthIndicator implements HealthIndicator {

    private final KafkaTopicAdmin topicAdmin;
    private final ProjectionsKafkaProperties kafka;

    public KafkaHealthIndicator(KafkaTopicAdmin topicAdmin, ProjectionsKafkaProperties kafka) {
        this.topicAdmin = topicAdmin;
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            KafkaTopicAdmin.ClusterInfo cluster = topicAdmin.describe();
            health = Health.up()
                    .withDetail("clusterId", cluster.clusterId())
                    .withDetail("brokers", cluster.brokers())
                    .withDetail("topicPartitions", cluster.partitions());
            if (cluster.partitions() == 0) {
                health.withDetail("note", "the topic does not exist yet; the projection or the first published event creates it");
            }
        } catch (KafkaTopicAdmin.KafkaUnavailableException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        return health.withDetail("bootstrapServers", kafka.bootstrapServers())
                .withDetail("topic", kafka.topic())
                .build();
    }
}
