package dev.twinledger.commandside.campaign;

import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.CommandRefused;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonNonTransientException;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the campaign process's commands and tells a refusal from a failure. A refusal (a domain rule, a state
 * conflict, an unknown aggregate, a command nobody handles) will be refused again however often it is retried, so it
 * is handed back for the process to decide; anything else (the database gone, a concurrent change) is thrown on, so
 * the event processor rolls the whole event back and retries it later.
 */
final class ProcessCommands {

    private static final int MAX_CAUSE_DEPTH = 25;

    private ProcessCommands() {
    }

    /**
     * Why a command was refused.
     *
     * @param message  the refusal's message, naming what was wrong
     * @param conflict whether it was a state conflict (409): typically the command's effect is already there
     */
    record Refusal(String message, boolean conflict) {
    }

    /** Sends {@code command} and waits; empty when it was accepted. */
    static Optional<Refusal> send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
            return Optional.empty();
        } catch (RuntimeException e) {
            Refusal refusal = refusalIn(e);
            if (refusal == null) {
                throw e;
            }
            return Optional.of(refusal);
        }
    }

    static Refusal refusalIn(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH && seen.add(current); depth++) {
            if (current instanceof StateConflict || current instanceof AlreadyExists) {
                return new Refusal(current.getMessage(), true);
            }
            // Axon calls a missing handler transient (another node might subscribe one); on this service's local
            // command bus none ever appears later, so retrying would block the process for nothing.
            if (current instanceof CommandRefused || current instanceof AxonNonTransientException
                    || current instanceof NoHandlerForCommandException) {
                return new Refusal(current.getMessage(), false);
            }
            current = current.getCause();
        }
        return null;
    }
}
