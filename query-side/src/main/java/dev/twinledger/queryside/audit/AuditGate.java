package dev.twinledger.queryside.audit;

import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.queryside.access.AccessQueryRefused;
import dev.twinledger.queryside.access.QueryAuthorization;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Decides whether a caller may ask a question of the audit record: {@code audit:read}, held now, on the question's
 * {@link AuditScope} ({@link AuditScopes} says which). A refusal is also recorded where every refused access query is
 * ({@code denied_queries}, via {@link QueryAuthorization}).
 */
@Component
public class AuditGate {

    private final QueryAuthorization authorization;

    public AuditGate(QueryAuthorization authorization) {
        this.authorization = authorization;
    }

    /**
     * Passes when {@code request}'s caller holds audit:read on {@code scope}.
     *
     * @param question the question in words, for the refusal ("The audit log of resource web-1")
     * @throws AuditReadRefused when the caller does not (403)
     */
    public void require(AuditRequest request, AuditScope scope, String question, HttpServletRequest http) {
        String caller = request.caller().username();
        try {
            if (scope.resource() != null) {
                authorization.requireOn(caller, scope.resource(), Set.of(Permissions.AUDIT_READ), question, http);
            } else {
                authorization.requireOn(caller, scope.scope(), Set.of(Permissions.AUDIT_READ), question, http);
            }
        } catch (AccessQueryRefused refused) {
            throw new AuditReadRefused(question, scope);
        }
    }
}
