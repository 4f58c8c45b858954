package dev.twinledger.projections.tracking;

import dev.twinledger.transport.EventEnvelope;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.eventhandling.EventMessage;

/** Reads what the transport put on a consumed event: its global position and its producer-side type name. */
public final class GlobalPositions {

    private GlobalPositions() {
    }

    /**
     * The global position of a consumed event ({@link EventEnvelope#GLOBAL_POSITION} metadata).
     *
     * @throws IllegalStateException when the event has none: it did not come through the envelope converter, and
     *                               applying it would make it impossible to deduplicate or wait for
     */
    public static long of(EventMessage<?> event) {
        Object value = event.getMetaData().get(EventEnvelope.GLOBAL_POSITION);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new IllegalStateException("event " + event.getIdentifier() + " of type " + event.getPayloadType().getName()
                + " carries no global position (metadata '" + EventEnvelope.GLOBAL_POSITION + "' = " + value + ")");
    }

    /** The type name the producer wrote: the payload class, or the original name behind an {@link UnknownEvent}. */
    public static String typeOf(EventMessage<?> event) {
        return event.getPayload() instanceof UnknownEvent unknown ? unknown.type() : event.getPayloadType().getName();
    }
}
