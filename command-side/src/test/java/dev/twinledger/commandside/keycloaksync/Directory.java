package dev.twinledger.commandside.keycloaksync;

import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.history.AccessHistory;

import java.time.Instant;
import java.util.UUID;

/**
 * An access directory for tests, built from the api's events as the command side's lookup folds them. Each event is
 * stamped at the instant given, in order. Not thread-safe beyond the volatile swap.
 */
public final class Directory implements AccessLookup {

    private volatile AccessHistory history = AccessHistory.empty();
    private long position;

    @Override
    public AccessHistory current() {
        return history;
    }

    public Directory group(String groupId, Instant at) {
        return apply(new GroupCreated(groupId, "test group " + groupId, "access-admin"), at);
    }

    public Directory member(String groupId, String username, Instant at) {
        return member(groupId, username, at, null);
    }

    public Directory member(String groupId, String username, Instant at, Instant until) {
        return member(groupId, username, at, at, until);
    }

    /** A membership recorded at {@code recordedAt}, valid from {@code from} until {@code until} (null: open). */
    public Directory member(String groupId, String username, Instant recordedAt, Instant from, Instant until) {
        return apply(new GroupMemberAdded(groupId, username, from, until, "access-admin"), recordedAt);
    }

    public Directory removeMember(String groupId, String username, Instant at) {
        return apply(new GroupMemberRemoved(groupId, username, "access-admin", "test"), at);
    }

    private synchronized Directory apply(Object event, Instant at) {
        history = history.apply(event, new EventStamp("access-admin", at, UUID.randomUUID().toString(), position++));
        return this;
    }
}
