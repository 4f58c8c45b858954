package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;

/**
 * The resource a check or who-can question was evaluated against.
 *
 * @param type           its type, e.g. {@code vm}
 * @param id             its id
 * @param siteId         its site, or null
 * @param environment    its environment, or null
 * @param project        its project, or null
 * @param attributesFrom where site, environment and project came from: the inventory (current, or the VM's site at
 *                       asOf from its history), the request's parameters, or both
 */
public record ResourceView(String type, String id, String siteId, Environment environment, String project,
                           String attributesFrom) {

    static ResourceView of(ResourceRef resource, String attributesFrom) {
        return new ResourceView(resource.type(), resource.id(), resource.site(), resource.environment(),
                resource.project(), attributesFrom);
    }
}
