package dev.twinledger.commandside.access;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/** Registers the access directory aggregate with Axon. */
public final class AccessAggregates implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(AccessDirectoryAggregate.class);
    }
}
