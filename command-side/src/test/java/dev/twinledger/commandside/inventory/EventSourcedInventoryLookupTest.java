package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What the lookup remembers about sites and projects, and what it must read again. */
class EventSourcedInventoryLookupTest {

    /** Counts the streams read, to tell a remembered answer from a read one. */
    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            reads.incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    };
    private final EventSourcedInventoryLookup lookup = new EventSourcedInventoryLookup(axonOver(engine));

    @Test
    void anExistingSiteOrProjectIsReadOnce() {
        store("Site", "dc1", new SiteRegistered("dc1", "Site one", Platform.OPENSTACK));
        store("Project", "p1", new ProjectRegistered("p1", "Project one", ""));

        assertThat(lookup.siteExists("dc1")).isTrue();
        assertThat(lookup.projectExists("p1")).isTrue();
        assertThat(lookup.sitePlatform("dc1")).contains(Platform.OPENSTACK);
        int afterFirstReads = reads.get();

        assertThat(lookup.siteExists("dc1")).isTrue();
        assertThat(lookup.projectExists("p1")).isTrue();
        assertThat(lookup.sitePlatform("dc1")).contains(Platform.OPENSTACK);
        assertThat(reads.get()).isEqualTo(afterFirstReads);
    }

    @Test
    void aMissingSiteIsNotRememberedAsMissing() {
        assertThat(lookup.siteExists("dc2")).isFalse();
        assertThat(lookup.projectExists("p2")).isFalse();

        // Registered later (here, or on the other command side): found at once.
        store("Site", "dc2", new SiteRegistered("dc2", "Site two", Platform.OPENSTACK));
        store("Project", "p2", new ProjectRegistered("p2", "Project two", ""));
        assertThat(lookup.siteExists("dc2")).isTrue();
        assertThat(lookup.projectExists("p2")).isTrue();
    }

    @Test
    void anotherKindOfStreamUnderTheIdIsNoSite() {
        store("Project", "p3", new ProjectRegistered("p3", "Project three", ""));

        assertThat(lookup.siteExists("p3")).isFalse();
        assertThat(lookup.siteExists("p3")).isFalse();
    }

    @Test
    void whatAUnitOfWorkThatRolledBackReadIsNotRemembered() {
        store("Site", "dc4", new SiteRegistered("dc4", "Site four", Platform.OPENSTACK));

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        assertThat(lookup.siteExists("dc4")).isTrue();
        unitOfWork.rollback();
        int afterRollback = reads.get();

        assertThat(lookup.siteExists("dc4")).isTrue();
        assertThat(reads.get()).isEqualTo(afterRollback + 1);
    }

    @Test
    void whatACommittedUnitOfWorkReadIsRemembered() {
        store("Site", "dc5", new SiteRegistered("dc5", "Site five", Platform.OPENSTACK));

        DefaultUnitOfWork.startAndGet(null).execute(() -> assertThat(lookup.siteExists("dc5")).isTrue());
        int afterCommit = reads.get();

        assertThat(lookup.siteExists("dc5")).isTrue();
        assertThat(reads.get()).isEqualTo(afterCommit);
    }

    private void store(String type, String id, Object payload) {
        engine.appendEvents(new GenericDomainEventMessage<>(type, id, 0, payload));
    }

    private static Configuration axonOver(InMemoryEventStorageEngine engine) {
        Configuration axon = mock(Configuration.class);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        when(axon.eventStore()).thenReturn(store);
        return axon;
    }
}
