package dev.twinledger.commandside.publishing;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether Kafka answers, within a short timeout so a health request never hangs on it. Reported in
 * {@code /actuator/health} but deliberately not in readiness: commands are stored in PostgreSQL and published later,
 * so Kafka being down must delay publishing, never stop the service from accepting commands.
 */
public final class KafkaHealthIndicator implements HealthIndicator {

    private final SharedKafkaAdmin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    public KafkaHealthIndicator(SharedKafkaAdmin admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = admin.get()
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("bootstrapServers", bootstrapServers)
                    .withDetail("clusterId", clusterId)
                    .withDetail("nodes", nodes)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private Health down(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String error = cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return Health.down()
                .withDetail("bootstrapServers", bootstrapServers)
                .withDetail("error", error)
                .build();
    }
}
