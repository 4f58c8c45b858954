package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Optional;

/**
 * Answers {@link InventoryLookup} from the event store. Must be called inside a command's unit of work. A host is
 * loaded through Axon's repository and stays locked until that unit of work ends, so a concurrent command on the same
 * host in this process waits rather than racing (a host's state can change).
 *
 * <p>Ids are shared by all aggregate types in the event store. Loading a host under, say, a site's id fails with
 * {@link IncompatibleAggregateException} (the site's events never set a host id); that means "no such host".
 */
public final class EventSourcedInventoryLookup implements InventoryLookup {

    private static final String SITE_TYPE = Site.class.getSimpleName();
    /** The aggregate type name of projects (the Project aggregate is registered under this simple name). */
    private static final String PROJECT_TYPE = "Project";

    private final Configuration axon;

    /** A lookup over the aggregates registered in {@code axon} (see {@link InventoryAggregates}). */
    public EventSourcedInventoryLookup(Configuration axon) {
        this.axon = axon;
    }

    /**
     * Reads the site's event stream without loading, and so without locking, the site: sites are never removed, so
     * "it exists" cannot become false before this unit of work commits, and host registrations and VM provisioning
     * at one site need not queue behind each other. The first event's aggregate type tells a site's stream from
     * another resource's stream under the same id.
     */
    @Override
    public boolean siteExists(String siteId) {
        DomainEventStream events = axon.eventStore().readEvents(siteId);
        return events.hasNext() && SITE_TYPE.equals(events.peek().getType());
    }

    @Override
    public Optional<HostPlacement> host(String hostId) {
        try {
            return Optional.of(axon.repository(Host.class).load(hostId).invoke(Host::placement));
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            return Optional.empty();
        }
    }

    /** Reads the stream without loading the aggregate, as {@link #siteExists} does; projects are never removed. */
    @Override
    public boolean projectExists(String projectId) {
        DomainEventStream events = axon.eventStore().readEvents(projectId);
        return events.hasNext() && PROJECT_TYPE.equals(events.peek().getType());
    }

    /** A site's platform never changes, so its first event answers without loading the site. */
    @Override
    public Optional<Platform> sitePlatform(String siteId) {
        DomainEventStream events = axon.eventStore().readEvents(siteId);
        if (events.hasNext() && events.peek().getPayload() instanceof SiteRegistered registered) {
            return Optional.of(registered.platform());
        }
        return Optional.empty();
    }

    @Override
    public Optional<HostCapacity> capacity(String hostId) {
        try {
            return Optional.of(axon.repository(Host.class).load(hostId).invoke(Host::capacity));
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            return Optional.empty();
        }
    }
}
