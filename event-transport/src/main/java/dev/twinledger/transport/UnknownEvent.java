package dev.twinledger.transport;

/**
 * Stands in for a consumed event whose payload class this service does not know (a newer producer). Projections
 * see it, record its position and otherwise ignore it; the transport logs it at WARN so the gap is visible.
 *
 * @param type the payload class name the producer wrote
 * @param json the payload as JSON text
 */
public record UnknownEvent(String type, String json) {
}
