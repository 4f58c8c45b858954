package dev.twinledger.commandside.support;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.PrincipalRef;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Map;

/**
 * Stores access directory events straight into the event store, at the directory's next sequence numbers, the way its
 * aggregate does: for tests of what reads the directory (the lookup, command authorization) that must not depend on
 * the directory's own rules. Two writers racing for one sequence number fail on the unique constraint, as in
 * production.
 */
public final class DirectoryEvents {

    /** The aggregate type the directory's events are stored under. */
    public static final String TYPE = "AccessDirectoryAggregate";

    private DirectoryEvents() {
    }

    /** Appends {@code payload} by {@code actor} through {@code service}'s event store; answers its global position. */
    public static long append(RunningCommandSide service, TestDatabase database, Object payload, String actor) {
        Long last = database.jdbc().queryForObject("SELECT max(sequence_number) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, AccessDirectory.ID);
        long sequence = last == null ? 0 : last + 1;
        service.bean(EventStore.class).publish(new GenericDomainEventMessage<>(TYPE, AccessDirectory.ID, sequence,
                payload, Map.of(EventMetadata.ACTOR_USERNAME, actor)));
        return database.jdbc().queryForObject("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", Long.class, AccessDirectory.ID, sequence);
    }

    /** A grant of {@code role} on {@code scope} to user {@code username}, in effect at once, needing no approval. */
    public static GrantRequested grant(String grantId, String username, String role, AccessScope scope) {
        return new GrantRequested(grantId, PrincipalRef.user(username), role, scope, null, null,
                "granted for a test", null, "test-admin", false);
    }

    /** The revocation of {@code grantId}. */
    public static GrantRevoked revoke(String grantId) {
        return new GrantRevoked(grantId, "test-admin", "revoked by a test");
    }
}
