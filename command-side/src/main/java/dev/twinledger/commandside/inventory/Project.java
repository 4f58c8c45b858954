package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.RegisterProject;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project (tenant) that owns VMs, volumes and containers. Its id shares the store's id space with every other
 * resource. Registered under the aggregate type name {@code Project}, which {@link EventSourcedInventoryLookup} reads
 * to tell a project's stream from another resource's: renaming this class is a schema change.
 */
final class Project {

    /** Longest description accepted, in characters. */
    static final int MAX_DESCRIPTION_LENGTH = 500;

    @AggregateIdentifier
    private String projectId;

    /**
     * Axon rebuilds a project by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    Project() {
    }

    @CommandHandler
    Project(RegisterProject command) {
        Checks.id(command.projectId(), "projectId");
        Checks.name(command.name(), "name");
        Checks.atMost(command.description(), MAX_DESCRIPTION_LENGTH, "description");
        apply(new ProjectRegistered(command.projectId(), command.name(), command.description()));
    }

    @EventSourcingHandler
    void on(ProjectRegistered event) {
        projectId = event.projectId();
    }
}
