package dev.twinledger.policies.scope;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.permission.Permission;

import java.util.Objects;

/**
 * The resource an action touches, with the attributes scopes are matched against. A resource that has no value for
 * an attribute (a host has no environment or project, a site's site is itself) leaves it null, and then only
 * scopes that leave that attribute open cover it.
 *
 * @param type        the resource type, e.g. {@code vm}; a lower-case word like a permission's type
 * @param id          the resource's id; not blank
 * @param site        the site it stands in, or null
 * @param environment its environment, or null
 * @param project     the project that owns it, or null; not blank when set
 */
public record ResourceRef(String type, String id, String site, Environment environment, String project) {

    /**
     * Checks the attributes: null type or id gives {@link NullPointerException}, a malformed one
     * {@link IllegalArgumentException}.
     */
    public ResourceRef {
        Objects.requireNonNull(type, "type");
        if (!Permission.isWord(type)) {
            throw new IllegalArgumentException("resource type must be a lower-case word, was '" + type + "'");
        }
        Scope.requireNotBlank(Objects.requireNonNull(id, "id"), "id");
        Scope.requireNotBlank(site, "site");
        Scope.requireNotBlank(project, "project");
    }

    /** A virtual machine. */
    public static ResourceRef vm(String id, String site, Environment environment, String project) {
        return new ResourceRef("vm", id, site, environment, project);
    }

    /** A hypervisor host; hosts serve every environment and project. */
    public static ResourceRef host(String id, String site) {
        return new ResourceRef("host", id, site, null, null);
    }

    /** A site; its site attribute is its own id. */
    public static ResourceRef site(String id) {
        return new ResourceRef("site", id, id, null, null);
    }

    /** For example {@code vm web-1 (site=dc1, environment=prod, project=shop)}. */
    @Override
    public String toString() {
        String attributes = Scope.describe(site, environment, project, null, null, "no site, environment or project");
        return type + " " + id + " (" + attributes + ")";
    }
}
