package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventMetadataProviderTest {

    private final EventMetadataProvider provider = new EventMetadataProvider("dc2");

    @Test
    void copiesTheRequestDataAndAddsHandlingSiteAndCausation() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("any").andMetaData(Map.of(
                EventMetadata.ACTOR_SUBJECT, "sub-1", EventMetadata.ACTOR_USERNAME, "olga",
                EventMetadata.CORRELATION_ID, "req-1", EventMetadata.REASON, "tender season",
                EventMetadata.TICKET, "CHG-1", "unrelated", "dropped"));

        Map<String, Object> data = Map.copyOf(provider.correlationDataFor(command));

        assertThat(data).containsOnly(
                Map.entry(EventMetadata.ACTOR_SUBJECT, "sub-1"),
                Map.entry(EventMetadata.ACTOR_USERNAME, "olga"),
                Map.entry(EventMetadata.CORRELATION_ID, "req-1"),
                Map.entry(EventMetadata.REASON, "tender season"),
                Map.entry(EventMetadata.TICKET, "CHG-1"),
                Map.entry(EventMetadata.HANDLING_SITE, "dc2"),
                Map.entry(EventMetadata.CAUSATION_ID, command.getIdentifier()));
    }

    @Test
    void leavesOutReasonAndTicketWhenTheCommandHasNone() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("any")
                .andMetaData(MetaData.with(EventMetadata.CORRELATION_ID, "req-1"));

        assertThat(provider.correlationDataFor(command))
                .doesNotContainKeys(EventMetadata.REASON, EventMetadata.TICKET);
    }

    @Test
    void aCommandWithoutCorrelationIdStartsItsOwnChain() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("any");

        Map<String, Object> data = Map.copyOf(provider.correlationDataFor(command));

        assertThat(data).containsEntry(EventMetadata.CORRELATION_ID, command.getIdentifier());
    }
}
