package dev.twinledger.transport;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.OptionalLong;

/**
 * Finds the global position of a stored event, the number every envelope carries and every read-your-writes wait is
 * keyed on. Consumers skip a position they have already applied, so a wrong position here loses an event silently.
 */
@FunctionalInterface
public interface GlobalPositionResolver {

    /** The event's own global position, or empty when it has none (it was not read from the event store). */
    OptionalLong positionOf(EventMessage<?> event);

    /**
     * The position of the event's tracking token. Exact only for tokens that carry the event's own index, such as a
     * {@code GlobalSequenceTrackingToken}. Not for Axon's JDBC event store: its {@code GapAwareTrackingToken} keeps
     * the highest index seen, so an event that commits after a later one (and fills a gap) would be given that later
     * event's position. The command side resolves positions from the store instead.
     */
    static GlobalPositionResolver fromTrackingToken() {
        return event -> event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position() : OptionalLong.empty();
    }
}
