package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.RegisterProject;
import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class ProjectTest {

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    @Test
    void registeringANewProjectRecordsProjectRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("eproc", "E-procurement", "Tenders and bids"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectRegistered("eproc", "E-procurement", "Tenders and bids"));
    }

    @Test
    void theDescriptionIsOptional() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("eproc", "E-procurement", null))
                .expectEvents(new ProjectRegistered("eproc", "E-procurement", null));
    }

    @Test
    void aDescriptionOfExactly500CharactersIsAccepted() {
        String description = "d".repeat(500);
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("eproc", "E-procurement", description))
                .expectEvents(new ProjectRegistered("eproc", "E-procurement", description));
    }

    @Test
    void aDescriptionLongerThan500CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("eproc", "E-procurement", "d".repeat(501)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("description"), containsString("500"),
                        containsString("501")))
                .expectNoEvents();
    }

    @Test
    void blankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("eproc", " ", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name"))
                .expectNoEvents();
    }

    @Test
    void malformedIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProject("e proc", "E-procurement", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("projectId"))
                .expectNoEvents();
    }

    @Test
    void registeringATakenProjectIdIsRefusedByTheStore() {
        fixture.given(new ProjectRegistered("eproc", "E-procurement", null))
                .when(new RegisterProject("eproc", "Again", null))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }
}
