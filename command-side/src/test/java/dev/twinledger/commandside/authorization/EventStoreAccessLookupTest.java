package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.twinledger.commandside.authorization.Directory.operatorGrant;
import static dev.twinledger.commandside.authorization.Directory.operatorRole;
import static dev.twinledger.commandside.authorization.Directory.revoked;
import static org.assertj.core.api.Assertions.assertThat;

/** The fold of the directory's stream: what it holds, whom it stamps, and that it reads only what is new. */
class EventStoreAccessLookupTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "eproc");

    private final InMemoryStoredEvents store = new InMemoryStoredEvents();
    private final EventStoreAccessLookup lookup = new EventStoreAccessLookup(store);

    @Test
    void beforeAnyDirectoryEventTheHistoryIsEmpty() {
        store.append("vm-1", new VmProvisioned("vm-1", "web-1", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "alice", T0);

        AccessHistory history = lookup.current();

        assertThat(history.position()).isEqualTo(-1);
        assertThat(history.current().grants()).isEmpty();
        assertThat(lookup.latestEventAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void theDirectorysEventsAreFoldedWithTheirActorsTimesIdsAndGlobalPositions() {
        store.append("vm-1", new VmProvisioned("vm-1", "web-1", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "alice", T0);
        store.append(AccessDirectory.ID, operatorRole(), null, T0.plusSeconds(1));
        StoredEvent granted = store.append(AccessDirectory.ID, operatorGrant("g-1", "bob", "dc1", null), "admin",
                T0.plusSeconds(2));

        AccessHistory history = lookup.current();

        assertThat(history.position()).isEqualTo(granted.globalIndex());
        Grant grant = history.current().grant("g-1").orElseThrow();
        assertThat(grant.requested().actor()).isEqualTo("admin");
        assertThat(grant.requested().at()).isEqualTo(T0.plusSeconds(2));
        assertThat(grant.requested().eventId()).isEqualTo(granted.eventId());
        assertThat(grant.requested().position()).isEqualTo(granted.globalIndex());
        assertThat(history.rolesAt(T0.plusSeconds(1)).role("operator")).isPresent();
        assertThat(new AccessEngine(history.current()).check(Principal.user("bob"), Permissions.VM_PROVISION, WEB_1,
                T0.plusSeconds(3)).allowed()).isTrue();
        assertThat(lookup.latestEventAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void anEventWithoutAnActorIsStampedAsTheSystem() {
        StoredEvent seeded = store.append(AccessDirectory.ID, operatorRole(), null, T0);

        assertThat(EventStoreAccessLookup.stampOf(seeded).actor()).isEqualTo("system");
    }

    @Test
    void eachCallReadsOnlyTheEventsAfterTheLastOneFoldedAndSeesNewOnesAtOnce() {
        store.append(AccessDirectory.ID, operatorRole(), null, T0);
        store.append(AccessDirectory.ID, operatorGrant("g-1", "bob", "dc1", null), "admin", T0.plusSeconds(1));
        AccessHistory first = lookup.current();
        AccessHistory unchanged = lookup.current();
        store.append(AccessDirectory.ID, revoked("g-1"), "admin", T0.plusSeconds(2));
        AccessHistory afterRevocation = lookup.current();

        assertThat(unchanged).isSameAs(first);
        assertThat(afterRevocation.current().grant("g-1").orElseThrow().revoked()).isNotNull();
        assertThat(new AccessEngine(afterRevocation.current()).check(Principal.user("bob"), Permissions.VM_PROVISION,
                WEB_1, T0.plusSeconds(3)).allowed()).isFalse();
        assertThat(lookup.current()).isSameAs(afterRevocation);
        assertThat(store.reads).containsExactly("access-directory>-1", "access-directory>1", "access-directory>1",
                "access-directory>2");
        assertThat(lookup.lastSequence()).isEqualTo(2);
    }

    @Test
    void twoLookupsOnOneStoreAgree() {
        EventStoreAccessLookup other = new EventStoreAccessLookup(store);
        store.append(AccessDirectory.ID, operatorRole(), null, T0);
        store.append(AccessDirectory.ID, operatorGrant("g-1", "bob", "dc1", null), "admin", T0.plusSeconds(1));
        lookup.current();
        store.append(AccessDirectory.ID, revoked("g-1"), "admin", T0.plusSeconds(2));

        assertThat(other.current().current().grant("g-1").orElseThrow().revoked()).isNotNull();
        assertThat(lookup.current().current().grant("g-1").orElseThrow().revoked()).isNotNull();
    }

    @Test
    void concurrentReadersFoldEveryEventExactlyOnce() throws Exception {
        store.append(AccessDirectory.ID, operatorRole(), null, T0);
        int grants = 200;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> readers = new ArrayList<>();
            for (int reader = 0; reader < 4; reader++) {
                readers.add(() -> {
                    for (int i = 0; i < grants; i++) {
                        lookup.current();
                    }
                    return null;
                });
            }
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> reader : readers) {
                running.add(pool.submit(reader));
            }
            for (int i = 0; i < grants; i++) {
                // A second approval or revocation of one grant would throw in the fold: each is applied once.
                store.append(AccessDirectory.ID, operatorGrant("g-" + i, "user-" + i, "dc1", null), "admin",
                        T0.plusSeconds(i + 1));
                store.append(AccessDirectory.ID, revoked("g-" + i), "admin", T0.plusSeconds(i + 1));
            }
            for (Future<Void> reader : running) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }

        AccessHistory history = lookup.current();
        assertThat(history.current().grants()).hasSize(grants)
                .allSatisfy(grant -> assertThat(grant.revoked()).isNotNull());
        assertThat(lookup.lastSequence()).isEqualTo(2L * grants);
    }
}
