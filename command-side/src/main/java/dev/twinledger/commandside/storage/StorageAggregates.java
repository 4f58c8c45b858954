package dev.twinledger.commandside.storage;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers the object-storage aggregates with Axon (event-sourced, in the configured event store). Registration is
 * explicit so the aggregates carry no Spring stereotype and stay package-private.
 */
public final class StorageAggregates implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(ObjectContainer.class);
    }
}
