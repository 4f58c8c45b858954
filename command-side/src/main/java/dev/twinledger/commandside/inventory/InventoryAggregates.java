package dev.twinledger.commandside.inventory;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Registers the inventory aggregates with Axon (event-sourced, in the configured event store). Registration is
 * explicit so the aggregates carry no Spring stereotype and stay package-private.
 */
public final class InventoryAggregates implements ConfigurerModule {

    /**
     * A host is snapshotted after this many events were read or applied since its last snapshot. Every VM command
     * loads (and locks) its host, and a host's stream grows with every memory move: with 500 VMs a host has well over
     * 500 events, replayed on every load while the host is locked. At 50, a load reads one snapshot and at most 50
     * events; a snapshot (the host with its allocations) is written after the command commits, about once per 50
     * memory moves. Sites and projects are not snapshotted: their streams stay short, and the lookups read their
     * first event directly.
     */
    static final int HOST_SNAPSHOT_EVERY = 50;

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(Site.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Host.class)
                        .configureSnapshotTrigger(axon -> new EventCountSnapshotTriggerDefinition(
                                hostSnapshotter(axon), HOST_SNAPSHOT_EVERY)))
                .configureAggregate(VirtualMachine.class)
                .configureAggregate(Project.class)
                .configureAggregate(Volume.class);
    }

    /**
     * A snapshotter that knows the host. Not the application's shared one: under Spring, Axon's auto-configured
     * snapshotter only knows aggregates declared as Spring beans, and these are registered here instead, so it refused
     * every host ("Aggregate Type is unknown in this snapshotter"). It runs in the committing thread, after the
     * command's unit of work, in a transaction of its own.
     */
    private static Snapshotter hostSnapshotter(Configuration axon) {
        return AggregateSnapshotter.builder()
                .eventStore(axon.eventStore())
                // The host's model as the configuration resolves it: Spring beans are handler parameters (a
                // factory inspecting the class on its own fails on RegisterHost's InventoryLookup at start-up).
                .aggregateFactories(new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        Host.class, axon.parameterResolverFactory(), axon.handlerDefinition(Host.class))))
                .transactionManager(axon.getComponent(TransactionManager.class, NoTransactionManager::instance))
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(Host.class))
                .build();
    }
}
