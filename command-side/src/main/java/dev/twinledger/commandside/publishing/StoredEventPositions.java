package dev.twinledger.commandside.publishing;

import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.transport.GlobalPositionResolver;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.OptionalLong;

/**
 * The global position of each published event, read from the event store by the event's identifier.
 *
 * <p>Why not the publisher's tracking token: the JDBC event store assigns the global index when a transaction
 * inserts its events, but they become visible when it commits, so a long transaction (the campaign's process sends
 * many commands in one) can commit after a later index. Axon's {@code GapAwareTrackingToken} then fills the gap but
 * keeps the highest index seen as its position, which would label the late event with another event's position; the
 * projections would take it for a redelivery and skip it. One indexed lookup per published event avoids that.
 */
public final class StoredEventPositions implements GlobalPositionResolver {

    private final EventStorePositions positions;

    public StoredEventPositions(EventStorePositions positions) {
        this.positions = positions;
    }

    @Override
    public OptionalLong positionOf(EventMessage<?> event) {
        return positions.highestPositionOf(List.of(event.getIdentifier()));
    }
}
