package dev.twinledger.commandside.campaign;

import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a command the campaign process handles itself, and which it leaves to the processor's retry. */
class ProcessCommandsTest {

    @Test
    void stateConflictsAreRefusalsTakenAsAlreadyDone() {
        assertThat(ProcessCommands.refusalIn(new StateConflict("host 'h1' is MAINTENANCE")))
                .isEqualTo(new ProcessCommands.Refusal("host 'h1' is MAINTENANCE", true));
        assertThat(ProcessCommands.refusalIn(new AlreadyExists("taken")).conflict()).isTrue();
    }

    @Test
    void otherDomainRefusalsAreRefusalsButNoConflict() {
        assertThat(ProcessCommands.refusalIn(new RuleViolation("no memory")))
                .isEqualTo(new ProcessCommands.Refusal("no memory", false));
        assertThat(ProcessCommands.refusalIn(new UnknownResource("no VM")).conflict()).isFalse();
    }

    @Test
    void aRefusalWrappedByAxonIsFound() {
        CommandExecutionException wrapped = new CommandExecutionException("failed", new StateConflict("done"));
        assertThat(ProcessCommands.refusalIn(wrapped)).isEqualTo(new ProcessCommands.Refusal("done", true));
    }

    @Test
    void unknownAggregatesAndMissingHandlersAreRefusals() {
        assertThat(ProcessCommands.refusalIn(new AggregateNotFoundException("vm-9", "no VM"))).isNotNull();
        assertThat(ProcessCommands.refusalIn(new NoHandlerForCommandException("nobody handles it"))).isNotNull();
    }

    @Test
    void concurrencyAndAnUnreachableDatabaseAreLeftToTheProcessorsRetry() {
        assertThat(ProcessCommands.refusalIn(new ConcurrencyException("changed concurrently"))).isNull();
        assertThat(ProcessCommands.refusalIn(new CannotGetJdbcConnectionException("down"))).isNull();
        assertThat(ProcessCommands.refusalIn(new IllegalStateException("bug"))).isNull();
    }
}
