package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers {@link InventoryLookup} from the event store. Must be called inside a command's unit of work. A host is
 * loaded through Axon's repository and stays locked until that unit of work ends, so a concurrent command on the same
 * host in this process waits rather than racing (a host's state can change).
 *
 * <p>Ids are shared by all aggregate types in the event store. Loading a host under, say, a site's id fails with
 * {@link IncompatibleAggregateException} (the site's events never set a host id); that means "no such host".
 *
 * <p>Sites and projects are never removed, and a site's platform never changes, so what was once read about them
 * stays true: those answers are remembered (positive answers only, so a site registered later, on this or another
 * command side, is still found) and every VM command saves the event-store round trips of reading them again. An
 * answer is remembered only once the unit of work that read it has committed, so a read that saw a site created in
 * a unit of work that then rolled back is never remembered.
 */
public final class EventSourcedInventoryLookup implements InventoryLookup {

    private static final String SITE_TYPE = Site.class.getSimpleName();
    /** The aggregate type name of projects (the Project aggregate is registered under this simple name). */
    private static final String PROJECT_TYPE = "Project";

    private final Configuration axon;
    private final Set<String> knownSites = ConcurrentHashMap.newKeySet();
    private final Set<String> knownProjects = ConcurrentHashMap.newKeySet();
    private final Map<String, Platform> knownPlatforms = new ConcurrentHashMap<>();

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
        if (knownSites.contains(siteId)) {
            return true;
        }
        DomainEventStream events = axon.eventStore().readEvents(siteId);
        boolean exists = events.hasNext() && SITE_TYPE.equals(events.peek().getType());
        if (exists) {
            rememberOnCommit(() -> knownSites.add(siteId));
        }
        return exists;
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
        if (knownProjects.contains(projectId)) {
            return true;
        }
        DomainEventStream events = axon.eventStore().readEvents(projectId);
        boolean exists = events.hasNext() && PROJECT_TYPE.equals(events.peek().getType());
        if (exists) {
            rememberOnCommit(() -> knownProjects.add(projectId));
        }
        return exists;
    }

    /** A site's platform never changes, so its first event answers without loading the site. */
    @Override
    public Optional<Platform> sitePlatform(String siteId) {
        Platform known = knownPlatforms.get(siteId);
        if (known != null) {
            return Optional.of(known);
        }
        DomainEventStream events = axon.eventStore().readEvents(siteId);
        if (events.hasNext() && events.peek().getPayload() instanceof SiteRegistered registered) {
            Optional<Platform> platform = Optional.of(registered.platform());
            rememberOnCommit(() -> knownPlatforms.put(siteId, platform.get()));
            return platform;
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

    /** Runs {@code remember} once the current unit of work has committed, or now when there is none. */
    private static void rememberOnCommit(Runnable remember) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> remember.run());
        } else {
            remember.run();
        }
    }
}
