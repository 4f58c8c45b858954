package dev.twinledger.projections.tracking;

import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns at-least-once delivery into an exactly-once effect for one projection's processor.
 *
 * <p>Runs around every event the processor hands to its handlers, inside the processor's unit of work and therefore
 * inside the database transaction that also stores the tracking token. It records the event's global position
 * first; when the position was already recorded the event is a redelivery and the handlers are not invoked. Either
 * the row, the handlers' changes and the token commit together, or none of them do.
 *
 * <p>The projection must have a handler for every event (a catch-all), otherwise the processor never offers
 * unhandled events to this interceptor and their positions would never count as applied.
 */
public final class ExactlyOnceInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceInterceptor.class);
    private static final String BATCH_POSITIONS = ExactlyOnceInterceptor.class.getName() + ".positions";

    private final ProjectionProgress progress;
    private final AppliedEventLog appliedEvents;

    /** An interceptor recording into {@code appliedEvents} under the processor name of {@code progress}. */
    public ExactlyOnceInterceptor(ProjectionProgress progress, AppliedEventLog appliedEvents) {
        this.progress = progress;
        this.appliedEvents = appliedEvents;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (EnvelopeKafkaMessageConverter.isWatermark(event)) {
            // Not an event: no position to record, and applying it twice changes nothing (the audit log keeps the
            // highest watermark per partition).
            return interceptorChain.proceed();
        }
        long position = GlobalPositions.of(event);
        // Waiters are woken once per batch, after the commit, when the rows have become visible to other
        // connections; waking them earlier would make them read the database before the change is there. The
        // batch's positions (applied now or before) go with the signal, so waiters need not ask the database.
        @SuppressWarnings("unchecked")
        List<Long> batchPositions = (List<Long>) unitOfWork.resources().get(BATCH_POSITIONS);
        if (batchPositions == null) {
            List<Long> positions = new ArrayList<>();
            unitOfWork.resources().put(BATCH_POSITIONS, positions);
            unitOfWork.afterCommit(u -> progress.batchCommitted(positions));
            batchPositions = positions;
        }
        batchPositions.add(position);
        if (!appliedEvents.record(progress.processorName(), position, event.getIdentifier(),
                GlobalPositions.typeOf(event))) {
            log.debug("{}: skipping redelivered event {} at position {}", progress.processorName(),
                    event.getIdentifier(), position);
            unitOfWork.afterCommit(u -> progress.duplicateSkipped());
            return null;
        }
        unitOfWork.afterCommit(u -> progress.eventsApplied(1));
        return interceptorChain.proceed();
    }
}
