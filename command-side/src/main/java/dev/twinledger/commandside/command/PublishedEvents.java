package dev.twinledger.commandside.command;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

/**
 * Collects the identifiers of the events that a tracked command's unit of work publishes, on every aggregate it
 * touches (a VM command also stores events on hosts). Registered as a dispatch interceptor on the event bus, it sees
 * each event as an aggregate applies it, and files it under the message of the root unit of work: the command.
 *
 * <p>Only commands someone {@linkplain #track tracks} are collected, so commands sent by other means (sagas, tests)
 * leave nothing behind. Events of a unit of work that rolls back are collected too; their command failed, and its
 * sender discards what was collected.
 */
public final class PublishedEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private final ConcurrentMap<String, Set<String>> byCommand = new ConcurrentHashMap<>();

    /**
     * Starts collecting for the command message with this identifier; close the answer when done with it.
     */
    public Tracking track(String commandMessageId) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        byCommand.put(commandMessageId, ids);
        return new Tracking(commandMessageId, ids);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                Set<String> ids = byCommand.get(CurrentUnitOfWork.get().root().getMessage().getIdentifier());
                if (ids != null) {
                    ids.add(event.getIdentifier());
                }
            }
            return event;
        };
    }

    /** The events collected for one command so far. */
    public final class Tracking implements AutoCloseable {

        private final String commandMessageId;
        private final Set<String> ids;

        private Tracking(String commandMessageId, Set<String> ids) {
            this.commandMessageId = commandMessageId;
            this.ids = ids;
        }

        /** The identifiers of the events the command's unit of work published, in no particular order. */
        public Set<String> eventIdentifiers() {
            return Set.copyOf(ids);
        }

        /** Stops collecting for this command. */
        @Override
        public void close() {
            byCommand.remove(commandMessageId);
        }
    }
}
