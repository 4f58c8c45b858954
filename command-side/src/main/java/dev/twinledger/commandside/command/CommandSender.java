package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.commandside.authorization.CommandAuthorizer;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.commandside.eventstore.EventStorePositions;
import dev.twinledger.support.web.ApiException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Authorizes a command, sends it synchronously and answers with the position of what it stored.
 *
 * <p>Before dispatch the {@link CommandAuthorizer} checks the caller's grants for the permissions the command needs on
 * the resources it acts on; the access directory's own commands are checked by its aggregate. Every
 * {@link AccessRefused}, from either, is stored as an {@code AccessDenied} event of its own (see
 * {@link DenialRecorder}) before the 403 (or 409) is answered. Every way a command can be refused
 * is turned into an {@link ApiException} here, at the web edge, so the shared problem+json advice answers it with the
 * right status and a message for the caller; only a genuine bug escapes as an unexpected exception.
 *
 * <p>The answered position is the highest global index among all events the command's unit of work stored, on every
 * aggregate it touched (a VM command stores the host's memory and alert events too), so a query waiting on it sees
 * all of them. A command that stored nothing (it asked for what already holds) answers the newest position of its
 * aggregate: everything the caller can see about it is visible from there.
 */
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);
    private static final int MAX_CAUSE_DEPTH = 25;

    private final CommandGateway gateway;
    private final EventStorePositions positions;
    private final PublishedEvents published;
    private final CommandAuthorizer authorizer;
    private final DenialRecorder denials;
    private final CorrelationDataProvider eventMetadata;

    /**
     * @param eventMetadata gives a denial the metadata an event of the refused command would have carried
     */
    public CommandSender(CommandGateway gateway, EventStorePositions positions, PublishedEvents published,
                         CommandAuthorizer authorizer, DenialRecorder denials, CorrelationDataProvider eventMetadata) {
        this.gateway = gateway;
        this.positions = positions;
        this.published = published;
        this.authorizer = authorizer;
        this.denials = denials;
        this.eventMetadata = eventMetadata;
    }

    /**
     * Sends {@code command} with {@code metadata} and waits until its unit of work has committed.
     *
     * @param aggregateId the id of the aggregate the command creates or changes; also the id in the answer
     * @param metadata    the request's metadata (see {@link RequestMetadata}); its
     *                    {@link EventMetadata#ACTOR_USERNAME} is the caller whose grants are checked
     * @throws ApiException when the command is refused (403, 404, 409, 422) or the event store is unreachable (503)
     */
    public CommandResult send(Object command, String aggregateId, MetaData metadata) {
        long started = System.nanoTime();
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
        try {
            authorizer.authorize(text(metadata, EventMetadata.ACTOR_USERNAME), command);
        } catch (RuntimeException e) {
            throw refused(e, message, aggregateId);
        }
        Set<String> stored;
        try (PublishedEvents.Tracking tracking = published.track(message.getIdentifier())) {
            gateway.sendAndWait(message);
            stored = tracking.eventIdentifiers();
        } catch (RuntimeException e) {
            throw refused(e, message, aggregateId);
        }
        // Read after the command's transaction has committed: the engine does not hand back the bigserials it
        // assigned, but it stored every collected event (they were all in that one transaction).
        long position = readPosition(stored, aggregateId);
        log.debug("{} for {} stored {} event(s), answered position {} in {} ms", command.getClass().getSimpleName(),
                aggregateId, stored.size(), position, (System.nanoTime() - started) / 1_000_000);
        return new CommandResult(aggregateId, position);
    }

    /** The answer to a failed command; an access refusal is recorded first. */
    private ApiException refused(RuntimeException failure, CommandMessage<?> message, String aggregateId) {
        accessRefusal(failure).ifPresent(refusal -> {
            String actor = Optional.ofNullable(text(message.getMetaData(), EventMetadata.ACTOR_USERNAME))
                    .or(() -> Optional.ofNullable(text(message.getMetaData(), EventMetadata.ACTOR_SUBJECT)))
                    .orElse("unknown");
            String request = Optional.ofNullable(text(message.getMetaData(), RequestMetadata.REQUEST))
                    .orElse(message.getPayloadType().getSimpleName());
            denials.record(refusal.toDenial(actor, request), eventMetadata.correlationDataFor(message));
        });
        ApiException answer = translate(failure);
        log.debug("{} for {} refused with {}: {}", message.getPayloadType().getSimpleName(), aggregateId,
                answer.status().value(), answer.getMessage());
        return answer;
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    /** The access refusal behind {@code failure}, if that is what it is (handlers' refusals arrive wrapped). */
    static Optional<AccessRefused> accessRefusal(RuntimeException failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH && seen.add(current); depth++) {
            if (current instanceof AccessRefused refused) {
                return Optional.of(refused);
            }
            if (current instanceof ApiException) {
                return Optional.empty();
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    private long readPosition(Set<String> stored, String aggregateId) {
        try {
            OptionalLong position = stored.isEmpty() ? positions.lastPositionOf(aggregateId)
                    : positions.highestPositionOf(stored);
            return position.orElseThrow(() -> new IllegalStateException("command for " + aggregateId
                    + " committed but none of its events, nor any event of that id, is stored"));
        } catch (DataAccessResourceFailureException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "The command was stored,"
                    + " but the event store stopped answering before its position could be read");
        }
    }

    /** The answer for a failed command; see the class comment. */
    static ApiException translate(RuntimeException failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH && seen.add(current); depth++) {
            ApiException answer = answerFor(current);
            if (answer != null) {
                return answer;
            }
            current = current.getCause();
        }
        throw failure;
    }

    private static ApiException answerFor(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof AccessRefused refused) {
            return refused.isConflict() ? ApiException.conflict(refused.getMessage())
                    : new ApiException(HttpStatus.FORBIDDEN, "Forbidden", refused.getMessage());
        }
        if (failure instanceof UnknownResource) {
            return ApiException.notFound(failure.getMessage());
        }
        if (failure instanceof RuleViolation) {
            return ApiException.unprocessable(failure.getMessage());
        }
        if (failure instanceof AlreadyExists || failure instanceof StateConflict) {
            return ApiException.conflict(failure.getMessage());
        }
        if (failure instanceof AggregateStreamCreationException) {
            // The unique (aggregate id, sequence) constraint refused a second stream under this id.
            return ApiException.conflict("The id is already taken (ids are unique across every kind of resource)");
        }
        if (failure instanceof AggregateNotFoundException notFound) {
            return ApiException.notFound("'" + notFound.getAggregateIdentifier() + "' does not exist");
        }
        if (failure instanceof IncompatibleAggregateException) {
            // The id exists, but its events belong to another kind of resource (e.g. decommissioning a host's id as
            // a VM): every aggregate here sets its id in its creation event, so nothing else raises this on load.
            return ApiException.notFound("No resource of this kind has that id");
        }
        if (failure instanceof ConcurrencyException) {
            return ApiException.conflict("The resource was changed concurrently; read it again and retry");
        }
        if (failure instanceof CannotGetJdbcConnectionException || failure instanceof CannotCreateTransactionException
                || failure instanceof SQLTransientConnectionException) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The event store cannot be reached; nothing was stored. Retry later");
        }
        return null;
    }
}
