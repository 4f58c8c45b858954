package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.support.security.Caller;
import dev.twinledger.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata a request gives its command: who sent it, the request's correlation id, and the optional reason and
 * ticket headers. {@link EventMetadataProvider} copies it onto every event the command causes.
 */
public final class RequestMetadata {

    /** Free-text reason for the change, at most {@value #MAX_REASON_LENGTH} characters. */
    public static final String REASON_HEADER = "X-Reason";
    /** Change ticket, at most {@value #MAX_TICKET_LENGTH} characters. */
    public static final String TICKET_HEADER = "X-Ticket";
    /**
     * The request line ({@code POST /api/vms}) on the command message only: a denial records it; events do not
     * carry it ({@link EventMetadataProvider} copies only the {@code EventMetadata} keys).
     */
    public static final String REQUEST = "request";
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_TICKET_LENGTH = 64;

    private RequestMetadata() {
    }

    /**
     * The metadata of one authenticated request.
     *
     * @throws InvalidHeader when {@value #REASON_HEADER} or {@value #TICKET_HEADER} is too long
     */
    public static MetaData of(HttpServletRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Map<String, String> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR_SUBJECT, caller.subject());
        metadata.put(EventMetadata.ACTOR_USERNAME, caller.username());
        metadata.put(EventMetadata.CORRELATION_ID, CorrelationIdFilter.of(request));
        metadata.put(REQUEST, request.getMethod() + " " + request.getRequestURI());
        optionalHeader(request, REASON_HEADER, MAX_REASON_LENGTH)
                .ifPresent(reason -> metadata.put(EventMetadata.REASON, reason));
        optionalHeader(request, TICKET_HEADER, MAX_TICKET_LENGTH)
                .ifPresent(ticket -> metadata.put(EventMetadata.TICKET, ticket));
        return MetaData.from(metadata);
    }

    private static Optional<String> optionalHeader(HttpServletRequest request, String name, int maxLength) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidHeader(name, "must be at most " + maxLength + " characters, was " + trimmed.length());
        }
        return Optional.of(trimmed);
    }
}
