package dev.twinledger.commandside.authorization;

import dev.twinledger.policies.history.AccessHistory;

import java.time.Instant;

/**
 * The command side's own view of the access directory, consistent with the event store: what {@link #current()}
 * answers includes every access event committed before the call, on any instance sharing the store. Authorization
 * of commands and the Keycloak group sync read it; nothing else writes it.
 */
public interface AccessLookup {

    /** The access directory as of the latest committed event; never null (empty before initialization). */
    AccessHistory current();

    /**
     * When the latest event that {@link #current()} includes was stored, or {@link Instant#EPOCH} when none. A check
     * "now" is made no earlier than this: a revocation stored by another instance whose clock runs a little ahead
     * must already count. Cheap: it does not read the store.
     */
    default Instant latestEventAt() {
        return Instant.EPOCH;
    }
}
