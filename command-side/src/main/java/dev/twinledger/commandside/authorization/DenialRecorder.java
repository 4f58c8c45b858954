package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AccessDenied;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a denied attempt as an {@link AccessDenied} event of its own: not on an aggregate (the event store keys it by
 * its event id) and in a transaction of its own, because the refused command stored nothing and must not. It goes to
 * Kafka like every stored event, so auditors see denials next to what was done.
 *
 * <p>Recording never fails the answer: a caller refused is refused whether or not the record could be written. A
 * failure is logged at WARN with the denial, so it is not lost silently.
 */
public final class DenialRecorder {

    private static final Logger log = LoggerFactory.getLogger(DenialRecorder.class);

    private final EventBus events;

    /** @param events the event store (an event bus that stores what is published) */
    public DenialRecorder(EventBus events) {
        this.events = events;
    }

    /**
     * Stores {@code denial} with {@code metadata} (the usual keys of {@code EventMetadata}: actor, handling site,
     * correlation and causation ids).
     *
     * @return the stored event's id, or empty when it could not be stored
     */
    public Optional<String> record(AccessDenied denial, Map<String, ?> metadata) {
        EventMessage<?> event = GenericEventMessage.asEventMessage(denial).andMetaData(metadata);
        try {
            if (CurrentUnitOfWork.isStarted()) {
                // Never join a unit of work that is about to roll back with the refused command.
                throw new IllegalStateException("a denial must be recorded outside any unit of work");
            }
            // Without a unit of work the store appends (in a transaction of its own) and commits at once.
            events.publish(List.of(event));
            log.debug("recorded denial {} of {} {}: {}", event.getIdentifier(), denial.actor(), denial.request(),
                    denial.reason());
            return Optional.of(event.getIdentifier());
        } catch (RuntimeException e) {
            log.warn("could not record the denial of {} {} ({} on {} {}): {}", denial.actor(), denial.request(),
                    denial.permission(), denial.resourceType(), denial.resourceId(), e.toString());
            return Optional.empty();
        }
    }
}
