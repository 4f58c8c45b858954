package dev.twinledger.projections.pointintime;

import dev.twinledger.projections.tracking.GlobalPositions;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps {@code inventory_versions}: for every event of an inventory resource's own stream (site, project, host, VM,
 * volume, object-storage container), one row holding the resource's whole state after that event
 * ({@link InventoryFold}) and the interval it was the resource's state: from the event's timestamp until the next
 * event's. A container's replica sites also go to {@code container_version_sites}, so a site's containers at an
 * instant are an index range scan too.
 *
 * <p>Order and idempotence: one aggregate's events arrive in order (they share a Kafka partition key), those of
 * different aggregates in any interleaving, which is harmless because a version depends only on its own stream. A
 * row is keyed by (resource id, sequence number) and inserted with {@code ON CONFLICT DO NOTHING}; an event whose
 * sequence number is not above the stream's latest version is a redelivery and changes nothing.
 *
 * <p>Round trips: per processor batch, one query reads the latest version of every stream in the batch, and the new
 * versions and the closes of the stored ones are written as JDBC batches at prepare-commit ({@link VersionBatch}),
 * rather than a read, an insert and an update per event.
 *
 * <p>Time: a version is valid from its event's timestamp. Timestamps of one stream are treated as non-decreasing; one
 * that goes backwards (clocks of two command sides) is clamped to the previous version's start, so the previous
 * version becomes empty rather than the intervals overlapping. Versions that start at the same instant (events of
 * one unit of work) leave only the last one visible at that instant, as a fold of the events up to it would.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class InventoryVersionProjection {

    private static final Logger log = LoggerFactory.getLogger(InventoryVersionProjection.class);

    private final JdbcTemplate jdbc;
    private final String batchKey = InventoryVersionProjection.class.getName() + "@" + System.identityHashCode(this);

    /** A projection writing to the read database behind {@code dataSource}. */
    public InventoryVersionProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null) {
            return;
        }
        boolean inventoryEvent = InventoryFold.creates(payload) || InventoryFold.changes(payload);
        // An event type this build does not know may still be on an inventory stream; it keeps the state as it was.
        if (!inventoryEvent && !(payload instanceof UnknownEvent)) {
            return;
        }
        boolean inUnitOfWork = CurrentUnitOfWork.isStarted();
        VersionBatch batch = inUnitOfWork ? currentBatch() : new VersionBatch(jdbc);
        String resourceId = domainEvent.getAggregateIdentifier();
        long sequence = domainEvent.getSequenceNumber();
        VersionBatch.Latest previous = batch.latest(resourceId);
        if (previous != null && previous.sequence() >= sequence) {
            // The version is there already (one stream's events arrive in order, so this is a redelivery); the
            // insert would change nothing, and neither must the close.
            log.debug("event at position {} is version {} of {}, which exists already; skipped",
                    GlobalPositions.of(event), sequence, resourceId);
            return;
        }
        Optional<ResourceSnapshot> next = InventoryFold.apply(previous == null ? null : previous.snapshot(),
                payload, event.getTimestamp());
        if (next.isEmpty()) {
            if (inventoryEvent) {
                // One stream's events arrive in order, so the creating event is missing from the topic; a state
                // made up from this event alone would be wrong.
                log.warn("{} at position {} for {} that this read model never saw created",
                        payload.getClass().getSimpleName(), GlobalPositions.of(event), resourceId);
            }
            return;
        }
        Instant validFrom = validFrom(event, previous, resourceId);
        batch.add(resourceId, sequence, next.get(), validFrom, GlobalPositions.of(event), event.getIdentifier(),
                GlobalPositions.typeOf(event), previous);
        if (!inUnitOfWork) {
            batch.flush();
        }
    }

    /**
     * The batch of the current unit of work: created at its first inventory event, with the latest versions of every
     * stream in the batch read in one query, and written at prepare-commit, inside the transaction of the token.
     */
    private VersionBatch currentBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(batchKey, key -> {
            VersionBatch batch = new VersionBatch(jdbc);
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                batch.prefetch(batching.getMessages().stream()
                        .filter(message -> message instanceof DomainEventMessage<?>)
                        .map(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet()));
            }
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }

    /** The event's timestamp, or the previous version's start when the timestamp goes backwards. */
    private static Instant validFrom(EventMessage<?> event, VersionBatch.Latest previous, String resourceId) {
        Instant stamped = event.getTimestamp();
        if (previous == null || !stamped.isBefore(previous.validFrom())) {
            return stamped;
        }
        log.debug("event at position {} is stamped {}, before the previous version of {} ({}); clamped",
                GlobalPositions.of(event), stamped, resourceId, previous.validFrom());
        return previous.validFrom();
    }
}
