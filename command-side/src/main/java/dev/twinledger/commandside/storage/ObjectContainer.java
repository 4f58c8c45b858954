package dev.twinledger.commandside.storage;

import dev.twinledger.api.storage.ChangeReplicaPolicy;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.api.storage.ReportReplicaStatus;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.inventory.Checks;
import dev.twinledger.commandside.inventory.InventoryLookup;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An object-storage (Swift) container of a registered project, with the set of sites that must hold a replica and the
 * last reported status of each replica. A site joining the policy starts {@link ReplicaStatus#UNKNOWN}; a site
 * leaving it drops its status.
 *
 * <p>Commands that would change nothing are accepted and store nothing: a policy equal to the current one (the
 * endpoint is a PUT, which clients may repeat), and a report repeating the current status and detail of a replica
 * (monitoring reports periodically; the history records changes, not every poll).
 */
final class ObjectContainer {

    /** Swift's limit on a container name, in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 256;
    /** Longest report detail accepted, in characters. */
    static final int MAX_DETAIL_LENGTH = 500;

    @AggregateIdentifier
    private String containerId;
    /** Sorted by site id, so refusals list the policy in a stable order. */
    private final Map<String, ReplicaStatus> replicas = new TreeMap<>();
    private final Map<String, String> details = new HashMap<>();

    /**
     * Axon rebuilds a container by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    ObjectContainer() {
    }

    /** The project and the replica sites are checked against the event store through {@code inventory}. */
    @CommandHandler
    ObjectContainer(CreateContainer command, InventoryLookup inventory) {
        Checks.id(command.containerId(), "containerId");
        checkName(command.name());
        Checks.id(command.project(), "project");
        SortedSet<String> policy = checkedPolicy(command.replicaSiteIds(), inventory);
        if (!inventory.projectExists(command.project())) {
            throw new RuleViolation("project '" + command.project() + "' is not registered");
        }
        apply(new ContainerCreated(command.containerId(), command.name(), command.project(), policy));
    }

    @CommandHandler
    void handle(ChangeReplicaPolicy command, InventoryLookup inventory) {
        SortedSet<String> policy = checkedPolicy(command.replicaSiteIds(), inventory);
        if (policy.equals(replicas.keySet())) {
            return;
        }
        apply(new ReplicaPolicyChanged(containerId, policy,
                Collections.unmodifiableSortedSet(new TreeSet<>(replicas.keySet()))));
    }

    @CommandHandler
    void handle(ReportReplicaStatus command) {
        Checks.id(command.siteId(), "siteId");
        Checks.present(command.status(), "status");
        if (command.status() == ReplicaStatus.UNKNOWN) {
            throw new RuleViolation("status UNKNOWN cannot be reported; report IN_SYNC, LAGGING or MISSING");
        }
        Checks.atMost(command.detail(), MAX_DETAIL_LENGTH, "detail");
        ReplicaStatus previous = replicas.get(command.siteId());
        if (previous == null) {
            throw new RuleViolation("site '" + command.siteId() + "' is not in the replica policy of container '"
                    + containerId + "' (" + String.join(", ", replicas.keySet()) + ")");
        }
        if (previous == command.status() && Objects.equals(details.get(command.siteId()), command.detail())) {
            return;
        }
        apply(new ReplicaStatusReported(containerId, command.siteId(), command.status(), previous, command.detail()));
    }

    @EventSourcingHandler
    void on(ContainerCreated event) {
        containerId = event.containerId();
        event.replicaSiteIds().forEach(site -> replicas.put(site, ReplicaStatus.UNKNOWN));
    }

    @EventSourcingHandler
    void on(ReplicaPolicyChanged event) {
        replicas.keySet().retainAll(event.replicaSiteIds());
        details.keySet().retainAll(event.replicaSiteIds());
        event.replicaSiteIds().forEach(site -> replicas.putIfAbsent(site, ReplicaStatus.UNKNOWN));
    }

    @EventSourcingHandler
    void on(ReplicaStatusReported event) {
        replicas.put(event.siteId(), event.status());
        details.put(event.siteId(), event.detail());
    }

    /** Swift's own rules: not blank, no '/', at most {@value #MAX_NAME_BYTES} bytes of UTF-8. */
    private static void checkName(String name) {
        Checks.present(name, "name");
        if (name.isBlank()) {
            throw new RuleViolation("name must not be blank");
        }
        if (name.indexOf('/') >= 0) {
            throw new RuleViolation("name must not contain '/'");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new RuleViolation("name must be at most " + MAX_NAME_BYTES + " bytes of UTF-8, was " + bytes);
        }
    }

    /** At least one site, each a well-formed id of an existing site; every unknown site is named. */
    private static SortedSet<String> checkedPolicy(Set<String> siteIds, InventoryLookup inventory) {
        if (siteIds == null || siteIds.isEmpty()) {
            throw new RuleViolation("replicaSiteIds must name at least one site");
        }
        SortedSet<String> policy = new TreeSet<>();
        for (String siteId : siteIds) {
            Checks.id(siteId, "replicaSiteIds");
            policy.add(siteId);
        }
        SortedSet<String> unknown = new TreeSet<>();
        for (String siteId : policy) {
            if (!inventory.siteExists(siteId)) {
                unknown.add(siteId);
            }
        }
        if (unknown.size() == 1) {
            throw new RuleViolation("site '" + unknown.first() + "' does not exist");
        }
        if (!unknown.isEmpty()) {
            throw new RuleViolation("sites '" + String.join("', '", unknown) + "' do not exist");
        }
        return Collections.unmodifiableSortedSet(policy);
    }
}
