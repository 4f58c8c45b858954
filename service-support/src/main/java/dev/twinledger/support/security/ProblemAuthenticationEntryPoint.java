package dev.twinledger.support.security;

import dev.twinledger.support.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * 401 for a missing, malformed, expired or foreign token: the standard {@code WWW-Authenticate: Bearer} header
 * plus a problem+json body saying which.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemWriter problems;

    public ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        String detail = request.getHeader("Authorization") == null
                ? "This endpoint requires a bearer token from the configured issuer"
                : "The bearer token was refused: " + failure.getMessage();
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }
}
