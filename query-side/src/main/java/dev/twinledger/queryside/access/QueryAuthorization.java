package dev.twinledger.queryside.access;

import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who may ask which access question, decided per request with the same engine and grants as every check, at the
 * present instant: anyone may ask about themselves; asking about anyone else, or for lists that span principals,
 * needs {@code audit:read} or {@code grant:create} on a scope covering what is asked about ({@code everywhere} for
 * principal-wide and list questions). A refusal is answered 403, recorded in {@code denied_queries} and logged at
 * INFO.
 */
@Component
public class QueryAuthorization {

    private static final Logger log = LoggerFactory.getLogger(QueryAuthorization.class);

    /** The permissions that let one see others' access: an auditor's, and an admin's who hands access out. */
    static final Set<Permission> OVERSIGHT = Set.of(Permissions.AUDIT_READ, Permissions.GRANT_CREATE);

    private final AccessEvaluator evaluator;
    private final AccessListings listings;

    public QueryAuthorization(AccessEvaluator evaluator, AccessListings listings) {
        this.evaluator = evaluator;
        this.listings = listings;
    }

    /** Whether {@code principal} is the caller. */
    public static boolean isSelf(String caller, Principal principal) {
        return principal != null && principal.isUser() && principal.id().equals(caller);
    }

    /** Passes when the caller holds an oversight permission on a scope covering {@code resource}. */
    public void requireOn(String caller, ResourceRef resource, String question, HttpServletRequest request) {
        requireOn(caller, resource, OVERSIGHT, question, request);
    }

    /** Passes when the caller holds one of {@code permissions} on a scope covering {@code resource}. */
    public void requireOn(String caller, ResourceRef resource, Set<Permission> permissions, String question,
                          HttpServletRequest request) {
        if (!evaluator.holdsOn(caller, permissions, resource, Instant.now())) {
            throw refuse(caller, permissions, ScopeView.of(Scope.of(resource)), question, request);
        }
    }

    /** Passes when the caller holds an oversight permission on a scope containing all of {@code scope}. */
    public void requireOn(String caller, Scope scope, String question, HttpServletRequest request) {
        requireOn(caller, scope, OVERSIGHT, question, request);
    }

    /** Passes when the caller holds one of {@code permissions} on a scope containing all of {@code scope}. */
    public void requireOn(String caller, Scope scope, Set<Permission> permissions, String question,
                          HttpServletRequest request) {
        if (!evaluator.holdsOn(caller, permissions, scope, Instant.now())) {
            throw refuse(caller, permissions, ScopeView.of(scope), question, request);
        }
    }

    /** Passes when the caller holds an oversight permission everywhere. */
    public void requireEverywhere(String caller, String question, HttpServletRequest request) {
        requireOn(caller, Scope.EVERYWHERE, question, request);
    }

    private AccessQueryRefused refuse(String caller, Set<Permission> permissions, ScopeView scope, String question,
                                      HttpServletRequest request) {
        List<String> names = permissions.stream().map(Permission::toString).sorted().toList();
        String what = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String reason = question + " needs " + String.join(" or ", names) + " on " + scope.text();
        log.info("access query refused: {} asked {} ({})", caller, what, reason);
        try {
            listings.recordDeniedQuery(caller, what, String.join(" or ", names), scope.text(), reason);
        } catch (DataAccessException e) {
            // The refusal stands either way; losing its record must not turn a 403 into a 500.
            log.warn("refused access query by {} not recorded: {}", caller, e.toString());
        }
        return new AccessQueryRefused(question, names, scope);
    }
}
