package dev.twinledger.queryside.audit;

import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The one rule for where reading the audit record needs {@code audit:read}: on a scope covering everything the
 * question can return.
 * <ul>
 *   <li>limited to a resource ({@code resource=}): on that resource, with the site, environment and project the
 *       inventory gives it now; a resource the inventory does not know is the resource id alone, which only a grant
 *       everywhere covers (nothing says where it stood);</li>
 *   <li>limited to a site only ({@code site=}): on that site;</li>
 *   <li>anything else (actor, type, time range, correlation id, or nothing): everywhere, since such a question spans
 *       every site.</li>
 * </ul>
 * A single entry needs a scope covering where it happened: its one site, or everywhere when it names several or none.
 */
@Component
public class AuditScopes {

    /** The type of a resource id the inventory does not know. */
    static final String UNKNOWN_TYPE = "resource";

    private final ResourceLocator inventory;

    public AuditScopes(ResourceLocator inventory) {
        this.inventory = inventory;
    }

    /**
     * The scope of a question limited to {@code resourceId} and/or {@code siteId}; both null (or blank) mean an
     * unlimited question.
     */
    public AuditScope of(String resourceId, String siteId) {
        if (resourceId != null && !resourceId.isBlank()) {
            return AuditScope.of(inventory.locate(resourceId)
                    .orElseGet(() -> new ResourceRef(UNKNOWN_TYPE, resourceId, null, null, null)));
        }
        if (siteId != null && !siteId.isBlank()) {
            return AuditScope.of(new Scope(siteId, null, null, null, null));
        }
        return AuditScope.of(Scope.EVERYWHERE);
    }

    /** The scope of a question limited by {@code filter}. */
    public AuditScope of(AuditFilter filter) {
        return of(filter.resource(), filter.site());
    }

    /** The scope of one entry, from the sites it concerns. */
    public static AuditScope ofEntry(List<String> sites) {
        return sites.size() == 1 ? AuditScope.of(new Scope(sites.get(0), null, null, null, null))
                : AuditScope.of(Scope.EVERYWHERE);
    }

    /** Finds a resource by id in the inventory, whatever its kind (ids are unique across kinds). */
    @FunctionalInterface
    public interface ResourceLocator {

        /** The resource with its current site, environment and project; empty when the inventory lacks it. */
        Optional<ResourceRef> locate(String id);
    }
}
