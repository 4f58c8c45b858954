package dev.twinledger.projections.tracking;

import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns at-least-once delivery into an exactly-once effect for one projection's processor.
 *
 * <p>Runs around every event the processor hands to its handlers, inside the processor's unit of work and therefore
 * inside the database transaction that also stores the tracking token. It records the event's global position
 * first; when the position was already recorded the event is a redelivery and the handlers are not invoked. Either
 * the row, the handlers' changes and the token commit together, or none of them do.
 *
 * <p>In the tracking processor's batches the check is one query for the whole batch at its first event and the
 * positions are written as one JDBC batch at prepare-commit. That is exactly-once as long as one processor instance
 * writes the processor's rows at a time, which the token claim guarantees (a second instance cannot commit a batch
 * without the claim); a position met twice within one batch is applied once.
 *
 * <p>The projection must have a handler for every event (a catch-all), otherwise the processor never offers
 * unhandled events to this interceptor and their positions would never count as applied.
 */
public final class ExactlyOnceInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceInterceptor.class);
    private static final String BATCH = ExactlyOnceInterceptor.class.getName() + ".batch";

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
        Batch batch = (Batch) unitOfWork.resources().get(BATCH);
        if (batch == null) {
            batch = startBatch(unitOfWork);
            unitOfWork.resources().put(BATCH, batch);
        }
        batch.positions.add(position);
        if (!batch.firstApplication(position, event)) {
            log.debug("{}: skipping redelivered event {} at position {}", progress.processorName(),
                    event.getIdentifier(), position);
            unitOfWork.afterCommit(u -> progress.duplicateSkipped());
            return null;
        }
        batch.applied++;
        return interceptorChain.proceed();
    }

    /**
     * Called at the batch's first event. When the unit of work holds the whole batch (the tracking processor's), the
     * positions already recorded are looked up in one query and the new ones are written in one JDBC batch at
     * prepare-commit, inside the transaction of the rows and the token: two round trips a batch instead of one per
     * event. Otherwise every event is recorded on its own, at once.
     */
    private Batch startBatch(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        Batch batch;
        if (unitOfWork instanceof BatchingUnitOfWork<? extends EventMessage<?>> batching) {
            List<Long> positions = new ArrayList<>();
            for (EventMessage<?> message : batching.getMessages()) {
                if (!EnvelopeKafkaMessageConverter.isWatermark(message)) {
                    positions.add(GlobalPositions.of(message));
                }
            }
            Batch prefetched = new Batch(appliedEvents.recordedAmong(progress.processorName(), positions));
            unitOfWork.onPrepareCommit(u -> appliedEvents.recordAll(progress.processorName(), prefetched.toRecord));
            batch = prefetched;
        } else {
            batch = new Batch(null);
        }
        // Waiters are woken once per batch, after the commit, when the rows have become visible to other
        // connections; waking them earlier would make them read the database before the change is there. The
        // batch's positions (applied now or before) go with the signal, so waiters need not ask the database.
        Batch committed = batch;
        unitOfWork.afterCommit(u -> {
            progress.eventsApplied(committed.applied);
            progress.batchCommitted(committed.positions);
        });
        return batch;
    }

    /** What the interceptor knows about the batch of one unit of work. */
    private final class Batch {
        private final List<Long> positions = new ArrayList<>();
        /** Positions recorded before this batch began; null when every event is recorded on its own. */
        private final Set<Long> recordedBefore;
        private final Set<Long> appliedNow = new HashSet<>();
        private final List<AppliedEventLog.AppliedEvent> toRecord = new ArrayList<>();
        private long applied;

        private Batch(Set<Long> recordedBefore) {
            this.recordedBefore = recordedBefore;
        }

        /**
         * Whether the event at {@code position} is applied for the first time (its handlers must run); records it.
         * A position recorded before the batch, or met earlier in this batch (a redelivery within one poll), is not.
         */
        private boolean firstApplication(long position, EventMessage<?> event) {
            if (recordedBefore == null) {
                return appliedEvents.record(progress.processorName(), position, event.getIdentifier(),
                        GlobalPositions.typeOf(event));
            }
            if (recordedBefore.contains(position) || !appliedNow.add(position)) {
                return false;
            }
            toRecord.add(new AppliedEventLog.AppliedEvent(position, event.getIdentifier(),
                    GlobalPositions.typeOf(event)));
            return true;
        }
    }
}
