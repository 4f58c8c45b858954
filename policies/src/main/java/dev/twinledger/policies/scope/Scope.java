package dev.twinledger.policies.scope;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.permission.Permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a grant applies: a conjunction of optional attributes, each null for "any". {@code site=dc1,
 * environment=prod} covers every production resource at dc1; the scope with every attribute null is
 * {@link #EVERYWHERE}. The single-resource attribute is a type and an id together (ids are unique per type only),
 * so {@code resourceType} and {@code resourceId} are both set or both null.
 * <p>
 * Matching is per attribute and knows nothing of where resources live: {@code site=dc1} does not contain a scope
 * that names only a VM, because that scope does not say the VM is at dc1. Build single-resource scopes with
 * {@link #of(ResourceRef)}, which carries the resource's site, environment and project along.
 *
 * @param site         the site id, or null for any site; not blank when set
 * @param environment  the environment, or null for any
 * @param project      the project, or null for any; not blank when set
 * @param resourceType the type of the single resource, or null for any resource
 * @param resourceId   the id of the single resource, or null for any resource; not blank when set
 */
public record Scope(String site, Environment environment, String project, String resourceType, String resourceId) {

    /** The scope that covers everything. */
    public static final Scope EVERYWHERE = new Scope(null, null, null, null, null);

    /**
     * Checks the attributes; a blank one or a resource type without an id (or back) is an
     * {@link IllegalArgumentException}.
     */
    public Scope {
        requireNotBlank(site, "site");
        requireNotBlank(project, "project");
        requireNotBlank(resourceId, "resource id");
        if ((resourceType == null) != (resourceId == null)) {
            throw new IllegalArgumentException("a single resource needs both its type and its id");
        }
        if (resourceType != null && !Permission.isWord(resourceType)) {
            throw new IllegalArgumentException("resource type must be a lower-case word, was '" + resourceType + "'");
        }
    }

    /** Exactly the given resource, with its site, environment and project, so broader scopes can contain it. */
    public static Scope of(ResourceRef resource) {
        return new Scope(resource.site(), resource.environment(), resource.project(), resource.type(), resource.id());
    }

    /**
     * Every scope that {@link #covers} {@code resource}: each attribute either open or the resource's own (only open
     * when the resource has none), at most sixteen. An index of grants by scope finds all that cover a resource
     * with these.
     */
    public static Set<Scope> covering(ResourceRef resource) {
        Set<Scope> scopes = new HashSet<>();
        for (String site : openOr(resource.site())) {
            for (Environment environment : openOr(resource.environment())) {
                for (String project : openOr(resource.project())) {
                    scopes.add(new Scope(site, environment, project, null, null));
                    scopes.add(new Scope(site, environment, project, resource.type(), resource.id()));
                }
            }
        }
        return scopes;
    }

    private static <T> List<T> openOr(T value) {
        return value == null ? Collections.singletonList(null) : Arrays.asList(null, value);
    }

    /** This scope narrowed (or widened, with null) to {@code site}. */
    public Scope withSite(String site) {
        return new Scope(site, environment, project, resourceType, resourceId);
    }

    /** This scope narrowed (or widened, with null) to {@code environment}. */
    public Scope withEnvironment(Environment environment) {
        return new Scope(site, environment, project, resourceType, resourceId);
    }

    /** This scope narrowed (or widened, with null) to {@code project}. */
    public Scope withProject(String project) {
        return new Scope(site, environment, project, resourceType, resourceId);
    }

    /** This scope narrowed to the single resource {@code type}/{@code id} (both null widens it to any resource). */
    public Scope withResource(String type, String id) {
        return new Scope(site, environment, project, type, id);
    }

    /** Whether every attribute is open. */
    public boolean isEverywhere() {
        return equals(EVERYWHERE);
    }

    /** Whether {@code resource} lies in this scope: every attribute set here equals the resource's. */
    public boolean covers(ResourceRef resource) {
        return matches(site, resource.site())
                && matches(environment, resource.environment())
                && matches(project, resource.project())
                && matches(resourceKey(), List.of(resource.type(), resource.id()));
    }

    /**
     * Whether this scope is at least as broad as {@code other}: every attribute set here is set to the same value
     * in {@code other}, so everything {@code other} covers, this covers. Every scope contains itself.
     */
    public boolean contains(Scope other) {
        return matches(site, other.site)
                && matches(environment, other.environment)
                && matches(project, other.project)
                && matches(resourceKey(), other.resourceKey());
    }

    /**
     * Whether some resource could lie in both scopes: no attribute is set to different values in the two. Errs
     * towards overlap, since it cannot know that, say, a named VM stands at another site.
     */
    public boolean overlaps(Scope other) {
        return compatible(site, other.site)
                && compatible(environment, other.environment)
                && compatible(project, other.project)
                && compatible(resourceKey(), other.resourceKey());
    }

    /** For example {@code site=dc1, environment=prod}; {@code everywhere} when every attribute is open. */
    @Override
    public String toString() {
        return describe(site, environment, project, resourceType, resourceId, "everywhere");
    }

    private List<String> resourceKey() {
        return resourceId == null ? null : List.of(resourceType, resourceId);
    }

    private static boolean matches(Object required, Object actual) {
        return required == null || required.equals(actual);
    }

    private static boolean compatible(Object a, Object b) {
        return a == null || b == null || a.equals(b);
    }

    static void requireNotBlank(String value, String what) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    static String describe(String site, Environment environment, String project, String type, String id,
                           String whenEmpty) {
        List<String> parts = new ArrayList<>();
        if (site != null) {
            parts.add("site=" + site);
        }
        if (environment != null) {
            parts.add("environment=" + environment.name().toLowerCase(Locale.ROOT));
        }
        if (project != null) {
            parts.add("project=" + project);
        }
        if (id != null) {
            parts.add("resource=" + type + "/" + id);
        }
        return parts.isEmpty() ? whenEmpty : String.join(", ", parts);
    }
}
