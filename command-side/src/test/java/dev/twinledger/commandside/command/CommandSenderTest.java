package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.commandside.authorization.CommandAuthorizer;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.support.web.ApiException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How every way a command can fail is answered, and which position an accepted command answers; the integration tests
 * show the same end to end.
 */
class CommandSenderTest {

    /** A command whose handler stores events on two aggregates, as a VM command stores the host's too. */
    record TouchTwo(String first, String second) {
    }

    /** A command whose handler stores nothing, as a request for what already holds. */
    record TouchNone(String id) {
    }

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final PublishedEvents published = new PublishedEvents();
    private final EventStorePositions positions = mock(EventStorePositions.class);
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandAuthorizer authorizer = mock(CommandAuthorizer.class);
    private final CommandSender sender = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(),
            positions, published, authorizer, new DenialRecorder(events), new EventMetadataProvider("dc-test"));
    private final Map<String, Long> sequences = new HashMap<>();

    @AfterEach
    void stopStore() {
        events.shutDown();
    }

    @Test
    void theAnsweredPositionIsTheHighestAmongAllEventsTheCommandStored() {
        events.registerDispatchInterceptor(published);
        bus.subscribe(TouchTwo.class.getName(), message -> {
            TouchTwo command = (TouchTwo) message.getPayload();
            events.publish(event(command.first()), event(command.second()), event(command.second()));
            return null;
        });
        when(positions.highestPositionOf(anyCollection())).thenReturn(OptionalLong.of(17));

        CommandResult result = sender.send(new TouchTwo("vm-1", "hv-1"), "vm-1", MetaData.emptyInstance());

        assertThat(result).isEqualTo(new CommandResult("vm-1", 17));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Collection<String>> asked = ArgumentCaptor.forClass(Collection.class);
        verify(positions).highestPositionOf(asked.capture());
        List<String> stored = Stream.of("vm-1", "hv-1").flatMap(id -> events.readEvents(id).asStream())
                .map(EventMessage::getIdentifier).toList();
        assertThat(asked.getValue()).hasSize(3).containsExactlyInAnyOrderElementsOf(stored);
        verify(positions, never()).lastPositionOf(anyString());
    }

    @Test
    void aCommandThatStoredNothingAnswersTheNewestPositionOfItsAggregate() {
        events.registerDispatchInterceptor(published);
        bus.subscribe(TouchNone.class.getName(), message -> null);
        when(positions.lastPositionOf("hv-1")).thenReturn(OptionalLong.of(9));

        assertThat(sender.send(new TouchNone("hv-1"), "hv-1", MetaData.emptyInstance()))
                .isEqualTo(new CommandResult("hv-1", 9));
        verify(positions, never()).highestPositionOf(any());
    }

    @Test
    void eventsOfCommandsNobodyTracksAreNotCollected() {
        events.registerDispatchInterceptor(published);
        try (PublishedEvents.Tracking tracking = published.track("some-other-command")) {
            events.publish(event("vm-1"));
            bus.subscribe(TouchTwo.class.getName(), message -> {
                events.publish(event("vm-2"));
                return null;
            });
            DefaultCommandGateway.builder().commandBus(bus).build().sendAndWait(new TouchTwo("vm-2", "vm-2"));

            assertThat(tracking.eventIdentifiers()).isEmpty();
        }
    }

    @Test
    void aRefusalByTheAuthorizerIsStoredAsADenialAndAnswered403WithoutDispatching() {
        List<Object> handled = new ArrayList<>();
        bus.subscribe(TouchNone.class.getName(), message -> handled.add(message.getPayload()));
        AccessRefused refused = new AccessRefused(AccessRefused.MISSING_PERMISSION, "vm:operate", "vm", "vm-1",
                new AccessScope("dc2", Environment.PROD, "eproc", null, null), null,
                "user:alice may not vm:operate on vm vm-1: missing vm:operate on a scope covering site=dc2");
        doThrow(refused).when(authorizer).authorize("alice", new TouchNone("vm-1"));

        assertThatThrownBy(() -> sender.send(new TouchNone("vm-1"), "vm-1", request("alice", "POST /api/vms/vm-1/start")))
                .isInstanceOfSatisfying(ApiException.class, answer -> {
                    assertThat(answer.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(answer.getMessage()).contains("vm:operate", "site=dc2");
                });

        assertThat(handled).isEmpty();
        List<EventMessage<?>> stored = storedEvents();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getPayload()).isEqualTo(new AccessDenied("alice", "vm:operate", "vm", "vm-1", "dc2",
                Environment.PROD, "eproc", "permission", refused.getMessage(), null, "POST /api/vms/vm-1/start"));
        assertThat(stored.get(0).getMetaData())
                .containsEntry(EventMetadata.ACTOR_USERNAME, "alice")
                .containsEntry(EventMetadata.HANDLING_SITE, "dc-test")
                .containsEntry(EventMetadata.CORRELATION_ID, "corr-1")
                .doesNotContainKey(RequestMetadata.REQUEST);
    }

    @Test
    void aRefusalByAHandlerIsStoredTooAndASeparationOfDutiesConflictIs409() {
        bus.subscribe(TouchNone.class.getName(), message -> {
            throw new AccessRefused(AccessRefused.SEPARATION_OF_DUTIES, "grant:create", "grant", "g-2",
                    AccessScope.EVERYWHERE, "g-1", "auditor conflicts with access-admin held through grant g-1");
        });

        assertThatThrownBy(() -> sender.send(new TouchNone("access-directory"), "access-directory",
                request("alice", "POST /api/access/grants")))
                .isInstanceOfSatisfying(ApiException.class, answer ->
                        assertThat(answer.status()).isEqualTo(HttpStatus.CONFLICT));

        List<EventMessage<?>> stored = storedEvents();
        assertThat(stored).singleElement().satisfies(event -> {
            AccessDenied denial = (AccessDenied) event.getPayload();
            assertThat(denial.rule()).isEqualTo("separation-of-duties");
            assertThat(denial.conflictingGrantId()).isEqualTo("g-1");
            assertThat(denial.request()).isEqualTo("POST /api/access/grants");
        });
    }

    @Test
    void aDenialThatCannotBeStoredIsStill403() {
        EventBus broken = mock(EventBus.class);
        doThrow(new CannotGetJdbcConnectionException("down")).when(broken).publish(anyList());
        CommandSender withBrokenStore = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(),
                positions, published, authorizer, new DenialRecorder(broken), new EventMetadataProvider("dc-test"));
        doThrow(new AccessRefused(AccessRefused.MISSING_PERMISSION, "vm:operate", "vm", "vm-1", null, null, "no"))
                .when(authorizer).authorize("alice", new TouchNone("vm-1"));

        assertThatThrownBy(() -> withBrokenStore.send(new TouchNone("vm-1"), "vm-1", request("alice", "POST /x")))
                .isInstanceOfSatisfying(ApiException.class, answer ->
                        assertThat(answer.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void otherRefusalsOfTheAuthorizerAreNotDenials() {
        doThrow(new UnknownResource("VM 'vm-9' does not exist")).when(authorizer).authorize("alice",
                new TouchNone("vm-9"));

        assertThatThrownBy(() -> sender.send(new TouchNone("vm-9"), "vm-9", request("alice", "POST /x")))
                .isInstanceOfSatisfying(ApiException.class, answer ->
                        assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(storedEvents()).isEmpty();
    }

    @Test
    void theCallerCheckedIsTheUsernameInTheMetadata() {
        bus.subscribe(TouchNone.class.getName(), message -> null);
        when(positions.lastPositionOf("hv-1")).thenReturn(OptionalLong.of(3));

        sender.send(new TouchNone("hv-1"), "hv-1", request("bob", "POST /x"));

        verify(authorizer).authorize("bob", new TouchNone("hv-1"));
    }

    private static MetaData request(String username, String requestLine) {
        return MetaData.with(EventMetadata.ACTOR_USERNAME, username)
                .and(EventMetadata.ACTOR_SUBJECT, "subject-" + username)
                .and(EventMetadata.CORRELATION_ID, "corr-1")
                .and(RequestMetadata.REQUEST, requestLine);
    }

    private List<EventMessage<?>> storedEvents() {
        List<EventMessage<?>> stored = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                stored.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return stored;
    }

    private GenericDomainEventMessage<String> event(String aggregateId) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>("Test", aggregateId, sequence, "payload");
    }

    @Test
    void refusalsKeepTheirMeaning() {
        assertThat(statusFor(new UnknownResource("x"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(statusFor(new RuleViolation("x"))).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(statusFor(new AlreadyExists("x"))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(statusFor(new StateConflict("x"))).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aSecondStreamUnderATakenIdIsAConflict() {
        assertThat(statusFor(new AggregateStreamCreationException("duplicate"))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(statusFor(new ConcurrencyException("concurrent"))).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void anAddressedResourceThatIsMissingOrOfAnotherKindIsNotFound() {
        assertThat(statusFor(new AggregateNotFoundException("vm-1", "none"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(statusFor(new IncompatibleAggregateException("host's events"))).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theMeaningIsFoundBehindWrappers() {
        RuntimeException wrapped = new CommandExecutionException("remote", new RuleViolation("site 'dc9' does not"
                + " exist"));

        ApiException answer = CommandSender.translate(wrapped);

        assertThat(answer.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getMessage()).contains("dc9");
    }

    @Test
    void anUnreachableEventStoreIs503() {
        assertThat(statusFor(new CannotGetJdbcConnectionException("down"))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void anythingElseIsABugAndEscapesUnchanged() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> CommandSender.translate(bug)).isSameAs(bug);
    }

    private static HttpStatus statusFor(RuntimeException failure) {
        return CommandSender.translate(failure).status();
    }
}
