package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.RegisterSite;
import dev.twinledger.api.inventory.SiteRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A data-centre site. Its id is unique across all resources: the event store refuses a second stream for it. */
final class Site {

    @AggregateIdentifier
    private String siteId;

    /**
     * Axon rebuilds a site by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    Site() {
    }

    @CommandHandler
    Site(RegisterSite command) {
        Checks.id(command.siteId(), "siteId");
        Checks.name(command.name(), "name");
        Checks.present(command.platform(), "platform");
        apply(new SiteRegistered(command.siteId(), command.name(), command.platform()));
    }

    @EventSourcingHandler
    void on(SiteRegistered event) {
        siteId = event.siteId();
    }
}
