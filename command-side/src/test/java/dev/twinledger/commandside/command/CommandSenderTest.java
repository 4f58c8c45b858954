package dev.twinledger.commandside.command;

import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.support.web.ApiException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How every way a command can fail is answered; the integration tests show the same end to end. */
class CommandSenderTest {

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
