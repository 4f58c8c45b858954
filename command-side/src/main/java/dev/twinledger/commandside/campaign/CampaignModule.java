package dev.twinledger.commandside.campaign;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Registers the campaign with Axon: the {@code UpgradeCampaign} aggregate (event-sourced, like the inventory's), and
 * the {@code UpgradeCampaignProcess} saga in its own tracking processor over the event store, with its state in
 * {@code sagaStore}. Registration is explicit so both stay free of Spring stereotypes (and the aggregate
 * package-private).
 *
 * <p>The processor starts from the tail of the store the first time it runs (later from its stored token): a head
 * token taken when the processor first claims its segment would miss a campaign created between start-up and that
 * claim. It must therefore never be reset: replaying would start every past campaign's process again. A handler
 * failure that is not a refusal (the process handles those itself) propagates, so the processor rolls the event back
 * and retries it with back-off instead of skipping it.
 */
public final class CampaignModule implements ConfigurerModule {

    /** The tracking processor running every campaign's process. */
    public static final String PROCESSING_GROUP = UpgradeCampaignProcess.PROCESSING_GROUP;
    /** The name of the deadline set for each migration a campaign requests (its payload: {@link MigrationTimeout}). */
    public static final String MIGRATION_TIMEOUT = UpgradeCampaignProcess.MIGRATION_TIMEOUT;

    private final SagaStore<Object> sagaStore;

    /** A module storing the processes' state in {@code sagaStore}. */
    public CampaignModule(SagaStore<Object> sagaStore) {
        this.sagaStore = sagaStore;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(UpgradeCampaign.class);
        configurer.eventProcessing()
                .registerSaga(UpgradeCampaignProcess.class, saga -> saga.configureSagaStore(axon -> sagaStore))
                .registerTrackingEventProcessor(PROCESSING_GROUP, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, axon -> PropagatingErrorHandler.instance());
    }
}
