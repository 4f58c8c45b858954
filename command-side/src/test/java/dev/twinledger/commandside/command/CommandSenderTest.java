package dev.twinledger.commandside.command;

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
import org.axonframework.eventhandling.EventMessage;
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
import static org.mockito.ArgumentMatchers.anyString;
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
    private final CommandSender sender = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(),
            positions, published);
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
