package dev.twinledger.commandside.publishing;

import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.Map;

/**
 * One Kafka admin client for the topic check and the health indicator, created on first use. Creating it lazily
 * keeps startup independent of Kafka: with an unresolvable bootstrap address the client cannot even be constructed,
 * and that must show up as "Kafka DOWN", not as a service that does not start.
 */
public final class SharedKafkaAdmin implements AutoCloseable {

    private final Map<String, Object> configuration;
    private Admin admin;

    public SharedKafkaAdmin(Map<String, Object> configuration) {
        this.configuration = Map.copyOf(configuration);
    }

    /** The client, created now if needed; throws Kafka's configuration exception when it cannot be created. */
    public synchronized Admin get() {
        if (admin == null) {
            admin = Admin.create(configuration);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
