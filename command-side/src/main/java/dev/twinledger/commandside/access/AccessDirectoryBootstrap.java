package dev.twinledger.commandside.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.InitializeAccessDirectory;
import dev.twinledger.api.access.RoleDefinition;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the access directory at the service's first start: the default roles and the configured bootstrap admins.
 * Does nothing once the directory exists. Two instances starting at once both try; the store's unique stream key
 * lets one win and the other's attempt is dropped.
 */
public final class AccessDirectoryBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AccessDirectoryBootstrap.class);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final List<String> bootstrapAdmins;
    private final Set<String> privilegedRoles;

    public AccessDirectoryBootstrap(CommandGateway commands, EventStore eventStore, List<String> bootstrapAdmins,
                                    Set<String> privilegedRoles) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.bootstrapAdmins = List.copyOf(bootstrapAdmins);
        this.privilegedRoles = Set.copyOf(privilegedRoles);
    }

    /** Initializes the directory unless it exists; answers whether this call created it. */
    public boolean initializeIfAbsent() {
        if (eventStore.readEvents(AccessDirectory.ID).hasNext()) {
            log.debug("Access directory exists; bootstrap settings are not read again");
            return false;
        }
        if (bootstrapAdmins.isEmpty()) {
            log.warn("twinledger.access.bootstrap-admins is empty: nobody holds access-admin, so no grant can be"
                    + " made. Set it (two usernames, so privileged grants can be approved) and restart with an"
                    + " empty event store");
        }
        List<RoleDefinition> roles = DefaultRoles.catalog().roles().values().stream()
                .map(AccessDirectoryBootstrap::definition).toList();
        MetaData system = MetaData.with(EventMetadata.ACTOR_USERNAME, AccessDirectoryAggregate.SYSTEM)
                .and(EventMetadata.ACTOR_SUBJECT, AccessDirectoryAggregate.SYSTEM)
                .and(EventMetadata.REASON, "first start: default roles and bootstrap admins");
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new InitializeAccessDirectory(roles, privilegedRoles, bootstrapAdmins)).andMetaData(system));
        } catch (AggregateStreamCreationException e) {
            log.debug("Another instance created the access directory first");
            return false;
        }
        log.info("Access directory created: {} roles, bootstrap admins {}", roles.size(), bootstrapAdmins);
        return true;
    }

    private static RoleDefinition definition(Role role) {
        Set<String> permissions = new TreeSet<>();
        role.permissions().forEach(permission -> permissions.add(permission.toString()));
        return new RoleDefinition(role.name(), permissions);
    }
}
