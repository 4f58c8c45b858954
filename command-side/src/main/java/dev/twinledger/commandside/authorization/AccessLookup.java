package dev.twinledger.commandside.authorization;

import dev.twinledger.policies.history.AccessHistory;

/**
 * The command side's own view of the access directory, consistent with the event store: what {@link #current()}
 * answers includes every access event committed before the call, on any instance sharing the store. Authorization
 * of commands and the Keycloak group sync read it; nothing else writes it.
 */
public interface AccessLookup {

    /** The access directory as of the latest committed event; never null (empty before initialization). */
    AccessHistory current();
}
