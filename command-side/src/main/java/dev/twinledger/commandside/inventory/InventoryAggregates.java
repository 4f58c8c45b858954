package dev.twinledger.commandside.inventory;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers the inventory aggregates with Axon (event-sourced, in the configured event store). Registration is
 * explicit so the aggregates carry no Spring stereotype and stay package-private.
 */
public final class InventoryAggregates implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(Site.class)
                .configureAggregate(Host.class)
                .configureAggregate(VirtualMachine.class)
                .configureAggregate(Project.class)
                .configureAggregate(Volume.class);
    }
}
