package dev.twinledger.support.security;

import dev.twinledger.support.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 403 as problem+json naming what was missing; every denial is handed to the {@link DeniedAttemptRecorder}. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter problems;
    private final DeniedAttemptRecorder recorder;

    public ProblemAccessDeniedHandler(ProblemWriter problems, DeniedAttemptRecorder recorder) {
        this.problems = problems;
        this.recorder = recorder;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String required = (String) request.getAttribute(RequiredRole.ATTRIBUTE);
        String reason = required == null
                ? "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI()
                : "This requires the realm role " + required + " (or one that implies it)";
        recorder.record(caller, request, reason);
        problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", reason);
    }
}
