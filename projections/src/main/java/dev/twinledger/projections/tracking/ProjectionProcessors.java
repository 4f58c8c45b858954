package dev.twinledger.projections.tracking;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.function.Function;

/**
 * Registers a projection's tracking processor the one way every projection needs it, so that the Spring wiring and
 * the tests build exactly the same processor.
 */
public final class ProjectionProcessors {

    /**
     * The one tracking processor that builds every read model of this module. One processor, so that a query waiting
     * for a global position waits for every table it reads (see the module README).
     */
    public static final String READ_MODEL = "inventory";

    /** Events per transaction. Batch size 1 (Axon's default) made projections lag by seconds under load (trap 7). */
    public static final int BATCH_SIZE = 100;

    private ProjectionProcessors() {
    }

    /**
     * Registers the tracking processor named {@code progress.processorName()} (also the projection's processing
     * group) with:
     * <ul>
     *   <li>{@code source} as its message source, read from its start (tail) the first time;</li>
     *   <li>the given token store and transaction manager, which must work on the read model's database, so that
     *       rows, applied positions and the token commit in one transaction;</li>
     *   <li>one segment on one thread (the Kafka token covers all partitions) and batches of {@link #BATCH_SIZE};</li>
     *   <li>an {@link ExactlyOnceInterceptor};</li>
     *   <li>errors propagated: a failing handler rolls the batch back and the processor retries it with back-off,
     *       rather than Axon's default of logging the error and moving on, which would lose the event's effect.</li>
     * </ul>
     */
    public static void registerTracking(EventProcessingConfigurer processing, ProjectionProgress progress,
            AppliedEventLog appliedEvents,
            Function<Configuration, StreamableMessageSource<TrackedEventMessage<?>>> source,
            Function<Configuration, TokenStore> tokenStore,
            Function<Configuration, TransactionManager> transactionManager) {
        String name = progress.processorName();
        processing.registerTrackingEventProcessor(name, source, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(BATCH_SIZE)
                        // Axon's default initial token is a replay token at the head (trap 1): it would skip
                        // everything already on the topic.
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTokenStore(name, tokenStore)
                .registerTransactionManager(name, transactionManager)
                .registerHandlerInterceptor(name, c -> new ExactlyOnceInterceptor(progress, appliedEvents))
                .registerListenerInvocationErrorHandler(name, c -> PropagatingErrorHandler.instance());
    }
}
