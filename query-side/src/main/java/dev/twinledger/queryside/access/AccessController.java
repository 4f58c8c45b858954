package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import dev.twinledger.support.security.Caller;
import dev.twinledger.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/**
 * {@code /api/access/**}: who can do what, now or at any past instant, and the access directory's records. Checks,
 * "what can P do", "who can" and the matrix are evaluated with the policies engine over the folded access history;
 * the lists read the access read model's tables. Every endpoint honours {@code minPosition} first.
 */
@RestController
@RequestMapping("/api/access")
@Tag(name = "Access")
class AccessController {

    private static final String AS_OF = "The instant to answer for (ISO-8601, e.g. 2026-03-01T12:00:00Z); now when "
            + "absent; 400 when in the future. Grants, memberships and roles are taken as they stood then.";
    private static final String PRINCIPAL = "user:<username> or group:<group id>";

    private final AccessEvaluator evaluator;
    private final AccessListings listings;
    private final ResourceAttributes attributes;
    private final QueryAuthorization authorization;
    private final ReadYourWrites readYourWrites;

    AccessController(AccessEvaluator evaluator, AccessListings listings, ResourceAttributes attributes,
                     QueryAuthorization authorization, ReadYourWrites readYourWrites) {
        this.evaluator = evaluator;
        this.listings = listings;
        this.attributes = attributes;
        this.authorization = authorization;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/check")
    @Operation(summary = "May a principal do an action on a resource",
            description = "Allowed or denied at asOf, with every grant path that allows it (who granted and approved "
                    + "it, when, the events' ids and positions, the group it comes through), or what is missing. The "
                    + "resource's site, environment and project come from the inventory (a VM's site as it was at "
                    + "asOf) unless given here; a resource the inventory does not know is described by them. Anyone "
                    + "may ask about themselves; about others it needs audit:read or grant:create covering the "
                    + "resource.")
    CheckView check(
            @Parameter(description = PRINCIPAL) @RequestParam String principal,
            @Parameter(description = "A permission, e.g. vm:provision") @RequestParam String action,
            @Parameter(description = "The resource's type (vm, host, site, project, volume, container, campaign, "
                    + "...); the action's type when absent") @RequestParam(required = false) String resourceType,
            @RequestParam String resourceId,
            @Parameter(description = "Overrides or gives the resource's site") @RequestParam(required = false)
            String siteId,
            @RequestParam(required = false) Environment environment,
            @RequestParam(required = false) String project,
            @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Principal who = AccessParameters.principal("principal", principal);
        Permission permission = AccessParameters.action("action", action);
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        ResourceAttributes.Located resource = resource(permission, resourceType, resourceId, siteId, environment,
                project, at);
        String caller = caller(authentication);
        if (!QueryAuthorization.isSelf(caller, who)) {
            authorization.requireOn(caller, resource.resource(), "A check on " + who, request);
        }
        return evaluator.check(who, permission, resource.resource(), resource.source(), at);
    }

    @GetMapping("/principals/{principal}/permissions")
    @Operation(summary = "What a principal can do",
            description = "Per granted scope (ordered by its written form), the permissions the principal's "
                    + "effective grants give there at asOf and the paths giving them (a user's own grants and "
                    + "their groups'). Paged. About others it needs audit:read or grant:create everywhere.")
    EvaluatedPage<ScopePermissionsView> permissions(
            @Parameter(description = PRINCIPAL) @PathVariable String principal,
            @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Principal who = AccessParameters.principal("principal", principal);
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        requireSelfOrEverywhere(authentication, who, "What " + who + " can do", request);
        return EvaluatedPage.of(who.toString(), null, null, at, evaluator.whatCanDo(who, at), page, size);
    }

    @GetMapping("/who-can")
    @Operation(summary = "Who can do an action on a resource",
            description = "Every user who may do it at asOf, directly or through groups, by username, with the "
                    + "paths that allow it. Paged. Needs audit:read or grant:create covering the resource.")
    EvaluatedPage<UserAccessView> whoCan(
            @Parameter(description = "A permission, e.g. vm:provision") @RequestParam String action,
            @RequestParam(required = false) String resourceType,
            @RequestParam String resourceId,
            @RequestParam(required = false) String siteId,
            @RequestParam(required = false) Environment environment,
            @RequestParam(required = false) String project,
            @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Permission permission = AccessParameters.action("action", action);
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        ResourceAttributes.Located resource = resource(permission, resourceType, resourceId, siteId, environment,
                project, at);
        authorization.requireOn(caller(authentication), resource.resource(), "Who can " + permission + " on "
                + resource.resource(), request);
        return EvaluatedPage.of(null, permission.toString(), ResourceView.of(resource.resource(), resource.source()),
                at, evaluator.whoCan(permission, resource.resource(), at, page, size), page, size);
    }

    @GetMapping("/matrix")
    @Operation(summary = "The effective access matrix of a scope",
            description = "Every user holding a permission on some of the scope at asOf, with WHOLE (a grant's "
                    + "scope contains it) or PART (a grant's scope overlaps it) per permission. Needs audit:read or "
                    + "grant:create on a scope containing it.")
    MatrixView matrix(
            @RequestParam(required = false) String siteId,
            @RequestParam(required = false) Environment environment,
            @RequestParam(required = false) String project,
            @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        Scope scope = new Scope(blankToNull(siteId), environment, blankToNull(project), null, null);
        authorization.requireOn(caller(authentication), scope, "The access matrix of " + scope, request);
        return evaluator.matrix(scope, at);
    }

    @GetMapping("/principals/{principal}/history")
    @Operation(summary = "A principal's access history",
            description = "Every grant requested, approved, rejected, revoked and expired for the principal, and "
                    + "(for a user) every group joined and left, oldest first, with who and why. Paged. About others "
                    + "it needs audit:read or grant:create everywhere.")
    PageView<AccessChangeView> history(
            @Parameter(description = PRINCIPAL) @PathVariable String principal,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Principal who = AccessParameters.principal("principal", principal);
        readYourWrites.awaitIfRequested(minPosition);
        requireSelfOrEverywhere(authentication, who, "The access history of " + who, request);
        return listings.history(who.isUser() ? "USER" : "GROUP", who.id(), page, size);
    }

    @GetMapping("/grants")
    @Operation(summary = "Grants",
            description = "Grants by id with their lifecycle (requested, approved, rejected, revoked, expired: who, "
                    + "when, which event). status EXPIRED includes grants past their end whose expiry is not "
                    + "recorded yet. Needs audit:read or grant:create everywhere, unless principal is the caller.")
    PageView<GrantView> grants(
            @Parameter(description = PRINCIPAL) @RequestParam(required = false) String principal,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) GrantStatusFilter status,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Principal who = blankToNull(principal) == null ? null : AccessParameters.principal("principal", principal);
        readYourWrites.awaitIfRequested(minPosition);
        if (who == null) {
            requireEverywhere(authentication, "The list of grants", request);
        } else {
            requireSelfOrEverywhere(authentication, who, "The grants of " + who, request);
        }
        return listings.grants(who == null ? null : who.isUser() ? "USER" : "GROUP", who == null ? null : who.id(),
                blankToNull(role), status, Instant.now(), page, size);
    }

    @GetMapping("/grants/{id}")
    @Operation(summary = "One grant",
            description = "The grant with its lifecycle; 404 when unknown. Its holder may read it; others need "
                    + "audit:read or grant:create on a scope containing the grant's.")
    GrantView grant(@PathVariable String id,
                    @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0)
                    Long minPosition,
                    Authentication authentication, HttpServletRequest request) {
        readYourWrites.awaitIfRequested(minPosition);
        GrantView grant = listings.grant(id, Instant.now())
                .orElseThrow(() -> ApiException.notFound("No grant with id '" + id + "'"));
        String caller = caller(authentication);
        if (!grant.principal().equals("user:" + caller)) {
            authorization.requireOn(caller, scope(grant.scope()), "Grant " + id, request);
        }
        return grant;
    }

    @GetMapping("/roles")
    @Operation(summary = "Roles at an instant",
            description = "Every role in force at asOf with its permissions then, whether it was privileged, and "
                    + "who defined that version when. Any valid token.")
    RolesView roles(
            @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        RoleCatalog catalog = evaluator.rolesAt(at);
        Map<String, AccessListings.RoleVersion> versions = listings.roleVersionsAt(at);
        List<RoleView> roles = new ArrayList<>();
        catalog.roles().forEach((name, role) -> {
            Optional<AccessListings.RoleVersion> version = Optional.ofNullable(versions.get(name));
            roles.add(new RoleView(name, role.permissions().stream().map(Permission::toString).toList(),
                    catalog.isPrivileged(name), version.map(AccessListings.RoleVersion::since).orElse(null),
                    version.map(AccessListings.RoleVersion::definedBy).orElse(null),
                    version.map(AccessListings.RoleVersion::eventId).orElse(null),
                    version.map(AccessListings.RoleVersion::position).orElse(null)));
        });
        return new RolesView(at, roles);
    }

    @GetMapping("/groups")
    @Operation(summary = "Groups", description = "Every group governed here, by id, without members. Any valid token.")
    PageView<GroupView> groups(
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return listings.groups(page, size);
    }

    @GetMapping("/groups/{id}")
    @Operation(summary = "One group and its members",
            description = "The members at asOf, and every membership interval ever recorded with who added and "
                    + "removed whom, when and why; 404 when unknown. Needs audit:read, grant:create or group:manage "
                    + "covering the group.")
    GroupView group(@PathVariable String id,
                    @Parameter(description = AS_OF, schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false) String asOf,
                    @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0)
                    Long minPosition,
                    Authentication authentication, HttpServletRequest request) {
        Instant at = AccessParameters.asOf(asOf, Instant.now());
        readYourWrites.awaitIfRequested(minPosition);
        GroupView group = listings.group(id).orElseThrow(() -> ApiException.notFound("No group with id '" + id + "'"));
        Set<Permission> allowed = new HashSet<>(QueryAuthorization.OVERSIGHT);
        allowed.add(Permissions.GROUP_MANAGE);
        authorization.requireOn(caller(authentication), new ResourceRef("group", id, null, null, null), allowed,
                "The members of group " + id, request);
        return group.withMembers(at, evaluator.membersAt(id, at), listings.memberships(id));
    }

    @GetMapping("/reviews")
    @Operation(summary = "Access reviews", description = "Reviews by id, optionally OPEN or CLOSED. Needs "
            + "audit:read or grant:create everywhere.")
    PageView<ReviewView> reviews(
            @RequestParam(required = false) String state,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        String wanted = blankToNull(state);
        if (wanted != null && !wanted.equals("OPEN") && !wanted.equals("CLOSED")) {
            throw new InvalidAccessParameter("state", "must be OPEN or CLOSED, was '" + state + "'");
        }
        readYourWrites.awaitIfRequested(minPosition);
        requireEverywhere(authentication, "The list of access reviews", request);
        return listings.reviews(wanted, page, size);
    }

    @GetMapping("/reviews/{id}")
    @Operation(summary = "One access review",
            description = "The review with each listed grant, its decision (outcome, comment, who, when, event) "
                    + "and whether it is unreviewed or was flagged at closing; 404 when unknown. Its reviewer and "
                    + "starter may read it; others need audit:read or grant:create on a scope containing its scope.")
    ReviewView review(@PathVariable String id,
                      @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0)
                      Long minPosition,
                      Authentication authentication, HttpServletRequest request) {
        readYourWrites.awaitIfRequested(minPosition);
        ReviewView review = listings.review(id)
                .orElseThrow(() -> ApiException.notFound("No access review with id '" + id + "'"));
        String caller = caller(authentication);
        if (!caller.equals(review.reviewer()) && !caller.equals(review.startedBy())) {
            authorization.requireOn(caller, scope(review.scope()), "Access review " + id, request);
        }
        return review;
    }

    @GetMapping("/denials")
    @Operation(summary = "Denied attempts",
            description = "Commands and access changes the command side refused, newest first, optionally one "
                    + "actor's. One's own need nothing more; others' need audit:read or grant:create everywhere.")
    PageView<DenialView> denials(
            @RequestParam(required = false) String actor,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        readYourWrites.awaitIfRequested(minPosition);
        String who = blankToNull(actor);
        if (who == null || !who.equals(caller(authentication))) {
            requireEverywhere(authentication, "Denied attempts" + (who == null ? "" : " of " + who), request);
        }
        return listings.denials(who, page, size);
    }

    /**
     * The resource asked about: its attributes from the inventory as of {@code at}, with the request's site,
     * environment and project taking precedence.
     */
    private ResourceAttributes.Located resource(Permission permission, String resourceType, String resourceId,
                                                String siteId, Environment environment, String project, Instant at) {
        String type = blankToNull(resourceType) == null ? permission.resourceType()
                : AccessParameters.resourceType("resourceType", resourceType);
        String id = AccessParameters.id("resourceId", resourceId);
        String site = blankToNull(siteId);
        String projectId = blankToNull(project);
        Optional<ResourceAttributes.Located> known = attributes.locate(type, id, at);
        ResourceRef base = known.map(ResourceAttributes.Located::resource)
                .orElse(new ResourceRef(type, id, null, null, null));
        ResourceRef resource = new ResourceRef(type, id, site == null ? base.site() : site,
                environment == null ? base.environment() : environment,
                projectId == null ? base.project() : projectId);
        boolean given = site != null || environment != null || projectId != null;
        String source;
        if (known.isPresent()) {
            source = given ? known.get().source() + ", overridden by the request's parameters" : known.get().source();
        } else {
            source = given ? "request (not in the inventory)" : "none (not in the inventory; none given)";
        }
        return new ResourceAttributes.Located(resource, source);
    }

    private void requireSelfOrEverywhere(Authentication authentication, Principal who, String question,
                                         HttpServletRequest request) {
        String caller = caller(authentication);
        if (!QueryAuthorization.isSelf(caller, who)) {
            authorization.requireEverywhere(caller, question, request);
        }
    }

    private void requireEverywhere(Authentication authentication, String question, HttpServletRequest request) {
        authorization.requireEverywhere(caller(authentication), question, request);
    }

    private static String caller(Authentication authentication) {
        return Caller.of(authentication).username();
    }

    private static Scope scope(ScopeView view) {
        return new Scope(view.siteId(), view.environment(), view.project(), view.resourceType(), view.resourceId());
    }
}
