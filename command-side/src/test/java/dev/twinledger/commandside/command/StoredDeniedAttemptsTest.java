package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.support.web.CorrelationIdFilter;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** A request refused by realm role becomes an AccessDenied event with rule "realm-role", and recording never throws. */
class StoredDeniedAttemptsTest {

    private final EventBus events = mock(EventBus.class);
    private final StoredDeniedAttempts recorder = new StoredDeniedAttempts(new DenialRecorder(events), "dc-test");

    @Test
    void aRealmRoleRefusalIsStoredWithTheCallerTheRequestAndTheMissingRole() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/sites");
        request.setAttribute(CorrelationIdFilter.ATTRIBUTE, "corr-7");

        recorder.record(token("viewer-1"), request, "This requires the realm role 'platform-admin'");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<EventMessage<?>>> published = ArgumentCaptor.forClass(List.class);
        verify(events).publish(published.capture());
        EventMessage<?> event = published.getValue().get(0);
        assertThat(event.getPayload()).isEqualTo(new AccessDenied("viewer-1", null, null, null, null, null, null,
                "realm-role", "This requires the realm role 'platform-admin'", null, "POST /api/sites"));
        assertThat(event.getMetaData())
                .containsEntry(EventMetadata.ACTOR_USERNAME, "viewer-1")
                .containsEntry(EventMetadata.ACTOR_SUBJECT, "subject-viewer-1")
                .containsEntry(EventMetadata.HANDLING_SITE, "dc-test")
                .containsEntry(EventMetadata.CORRELATION_ID, "corr-7");
    }

    @Test
    void aStoreThatFailsDoesNotFailTheAnswer() {
        doThrow(new IllegalStateException("store down")).when(events).publish(any(List.class));

        assertThatCode(() -> recorder.record(token("viewer-1"), new MockHttpServletRequest("POST", "/api/hosts"),
                "no")).doesNotThrowAnyException();
    }

    private static JwtAuthenticationToken token(String username) {
        return new JwtAuthenticationToken(Jwt.withTokenValue("t").header("alg", "none")
                .subject("subject-" + username).claim("preferred_username", username).build());
    }
}
