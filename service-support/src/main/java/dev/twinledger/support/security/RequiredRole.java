package dev.twinledger.support.security;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.function.Supplier;

/**
 * An authorization rule "needs realm role X" that also leaves the role's name on the request, so the 403 can say
 * what was missing.
 */
public final class RequiredRole implements AuthorizationManager<RequestAuthorizationContext> {

    static final String ATTRIBUTE = RequiredRole.class.getName();

    private final String role;
    private final AuthorityAuthorizationManager<RequestAuthorizationContext> delegate;

    private RequiredRole(String role) {
        this.role = role;
        this.delegate = AuthorityAuthorizationManager.hasRole(role);
    }

    /** The rule for {@code role} (without the {@code ROLE_} prefix), e.g. {@code RequiredRole.of(Roles.OPERATOR)}. */
    public static RequiredRole of(String role) {
        return new RequiredRole(role);
    }

    @Override
    @SuppressWarnings("deprecation")
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationDecision decision = delegate.check(authentication, context);
        if (decision != null && !decision.isGranted()) {
            context.getRequest().setAttribute(ATTRIBUTE, role);
        }
        return decision;
    }
}
