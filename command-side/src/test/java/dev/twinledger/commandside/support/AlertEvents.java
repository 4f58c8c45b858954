package dev.twinledger.commandside.support;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.awaitility.Awaitility;

import java.time.Duration;

/**
 * Stores capacity alert events on a host's stream the way the Host aggregate does (aggregate type {@code Host}, the
 * host's next sequence numbers), so the alerting tests do not depend on what moves a host across a threshold.
 */
public final class AlertEvents {

    private AlertEvents() {
    }

    /** Waits until the alert-routing processor has its token: it starts at the head, so earlier alerts are not its. */
    public static void awaitRoutingProcessor(TestDatabase database) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> database.jdbc().queryForObject(
                "SELECT count(*) FROM token_entry WHERE processor_name = 'alert-routing'", Integer.class) > 0);
    }

    /** Appends {@code raised} at {@code sequence} of its host's stream; answers the event's global position. */
    public static long raise(RunningCommandSide service, TestDatabase database, long sequence,
                             CapacityAlertRaised raised, String correlationId) {
        return append(service, database, raised.hostId(), sequence, raised, correlationId);
    }

    /** Appends {@code cleared} at {@code sequence} of its host's stream; answers the event's global position. */
    public static long clear(RunningCommandSide service, TestDatabase database, long sequence,
                             CapacityAlertCleared cleared, String correlationId) {
        return append(service, database, cleared.hostId(), sequence, cleared, correlationId);
    }

    private static long append(RunningCommandSide service, TestDatabase database, String hostId, long sequence,
                               Object payload, String correlationId) {
        service.bean(EventStore.class).publish(new GenericDomainEventMessage<>("Host", hostId, sequence, payload,
                java.util.Map.of(EventMetadata.CORRELATION_ID, correlationId)));
        return database.jdbc().queryForObject("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", Long.class, hostId, sequence);
    }
}
