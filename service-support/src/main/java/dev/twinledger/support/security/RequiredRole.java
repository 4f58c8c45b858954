package dev.twinledger.support.security;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An authorization rule "needs realm role X" (or "one of X, Y") that also leaves the roles' names on the request, so
 * the 403 can say what was missing.
 */
public final class RequiredRole implements AuthorizationManager<RequestAuthorizationContext> {

    static final String ATTRIBUTE = RequiredRole.class.getName();

    private final String roles;
    private final AuthorityAuthorizationManager<RequestAuthorizationContext> delegate;

    private RequiredRole(String roles, AuthorityAuthorizationManager<RequestAuthorizationContext> delegate) {
        this.roles = roles;
        this.delegate = delegate;
    }

    /** The rule for {@code role} (without the {@code ROLE_} prefix), e.g. {@code RequiredRole.of(Roles.OPERATOR)}. */
    public static RequiredRole of(String role) {
        return new RequiredRole("'" + role + "'", AuthorityAuthorizationManager.hasRole(role));
    }

    /** The rule for any one of {@code roles} (without the {@code ROLE_} prefix). */
    public static RequiredRole anyOf(String... roles) {
        return new RequiredRole(Arrays.stream(roles).map(role -> "'" + role + "'").collect(Collectors.joining(" or ")),
                AuthorityAuthorizationManager.hasAnyRole(roles));
    }

    @Override
    @SuppressWarnings("deprecation")
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationDecision decision = delegate.check(authentication, context);
        if (decision != null && !decision.isGranted()) {
            context.getRequest().setAttribute(ATTRIBUTE, roles);
        }
        return decision;
    }
}
