package dev.twinledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;

/** The default {@link DeniedAttemptRecorder}: one INFO line per denied attempt, on logger {@code twinledger.denied}. */
public final class LoggingDeniedAttemptRecorder implements DeniedAttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger("twinledger.denied");

    @Override
    public void record(Authentication caller, HttpServletRequest request, String reason) {
        Caller who = Caller.of(caller);
        log.info("denied: user={} subject={} {} {}: {}", who.username(), who.subject(), request.getMethod(),
                request.getRequestURI(), reason);
    }
}
