package dev.twinledger.queryside.pointintime;

import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.asof.SnapshotView;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.queryside.asof.Instants;
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
import jakarta.validation.constraints.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/**
 * {@code /api/audit/snapshot/**}: what the inventory looked like at an instant, for one resource, a site or a
 * project. Behind the realm-role gate (auditor or platform-admin), each answer needs {@code audit:read}, held now,
 * on the resource as it stood then, on the site, or on the project; a refusal is 403 and recorded. Order of checks:
 * parameters (400), {@code minPosition} (503), authorization (403), existence (404).
 */
@RestController
@RequestMapping("/api/audit/snapshot")
@Tag(name = "Point in time")
class SnapshotController {

    static final String SITE_TYPE = "(vm|host|volume|container)?";
    static final String SITE_TYPE_MESSAGE = "must be one of vm, host, volume, container";
    static final String PROJECT_TYPE = "(vm|volume|container)?";
    static final String PROJECT_TYPE_MESSAGE = "must be one of vm, volume, container (hosts belong to no project)";
    static final String STATE = "(ACTIVE|SHUTOFF|MAINTENANCE|DECOMMISSIONED|AVAILABLE|IN_USE|DELETED)?";
    static final String STATE_MESSAGE = "must be a lifecycle state: ACTIVE, SHUTOFF or DECOMMISSIONED (VMs), ACTIVE, "
            + "MAINTENANCE or DECOMMISSIONED (hosts), AVAILABLE, IN_USE or DELETED (volumes)";

    private static final Set<Permission> AUDIT = Set.of(Permissions.AUDIT_READ);
    private static final String AT = "The instant to answer for, " + Instants.FORMAT + " (required). Every event "
            + "stamped at or before it counts; a future instant answers the current state.";
    private static final String AFTER = "List ids greater than this one: the next of the previous page";
    private static final String LIMIT = "Page size, 1 to 500";

    private final InventoryVersions versions;
    private final PointInTimeQueries queries;
    private final QueryAuthorization authorization;
    private final ReadYourWrites readYourWrites;

    SnapshotController(InventoryVersions versions, PointInTimeQueries queries, QueryAuthorization authorization,
                       ReadYourWrites readYourWrites) {
        this.versions = versions;
        this.queries = queries;
        this.authorization = authorization;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/resources/{id}")
    @Operation(summary = "One resource as it was at an instant",
            description = "The site, project, host, VM, volume or container with this id as the events of its stream "
                    + "up to at left it: its type and attributes, the interval that state lasted, and the event "
                    + "(position, id, type) that produced it. 404 says whether the resource is unknown or did not "
                    + "exist yet at that instant. Needs audit:read on the resource as it stood then.")
    ResourceAtView resource(
            @PathVariable String id,
            @Parameter(description = AT, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String at,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Instant instant = Instants.required("at", at);
        readYourWrites.awaitIfRequested(minPosition);
        String question = "The inventory record of '" + id + "' as of " + instant;
        Optional<SnapshotView> then = versions.at(id, instant);
        if (then.isPresent()) {
            authorization.requireOn(caller(authentication), then.get().asResourceRef(), AUDIT, question, request);
            return new ResourceAtView(instant, then.get());
        }
        SnapshotView first = versions.first(id).orElseThrow(() -> ApiException.notFound(
                "Unknown resource '" + id + "': the inventory has no record of it"));
        // Judged on where it stood when it was created: it had no other place before.
        authorization.requireOn(caller(authentication), first.asResourceRef(), AUDIT, question, request);
        throw ApiException.notFound("The " + first.type() + " '" + id + "' did not exist at " + instant
                + ": its record begins at " + first.validFrom());
    }

    @GetMapping("/sites/{siteId}")
    @Operation(summary = "A site's inventory at an instant",
            description = "The site as it was, and the hosts, VMs and volumes that stood in it then, and the "
                    + "containers with a replica there then, each as it was; ordered by id and paged with after and "
                    + "limit (next names the after of the following page). Decommissioned and deleted resources "
                    + "are listed in that state; filter with state. Needs audit:read on the site.")
    SiteAtView site(
            @PathVariable String siteId,
            @Parameter(description = AT, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String at,
            @Parameter(description = "Only this type: vm, host, volume or container")
            @RequestParam(required = false) @Pattern(regexp = SITE_TYPE, message = SITE_TYPE_MESSAGE) String type,
            @Parameter(description = "Only resources in this lifecycle state then (containers have none)")
            @RequestParam(required = false) @Pattern(regexp = STATE, message = STATE_MESSAGE) String state,
            @Parameter(description = AFTER) @RequestParam(required = false) String after,
            @Parameter(description = LIMIT)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int limit,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Instant instant = Instants.required("at", at);
        readYourWrites.awaitIfRequested(minPosition);
        authorization.requireOn(caller(authentication), new Scope(siteId, null, null, null, null), AUDIT,
                "The inventory of site '" + siteId + "' as of " + instant, request);
        PointInTimeQueries.Listing listing = queries.siteAt(siteId, instant,
                types(type, PointInTimeQueries.SITE_TYPES), blankToNull(state), blankToNull(after), limit);
        SnapshotView site = listing.owner().orElseThrow(() -> absent("site", siteId, instant));
        List<SnapshotView> items = page(listing.items(), limit);
        return new SiteAtView(instant, site, items, limit, next(listing.items(), items));
    }

    @GetMapping("/projects/{project}")
    @Operation(summary = "A project's inventory at an instant",
            description = "The project as it was, and the VMs, volumes and containers it owned then, each as it was; "
                    + "ordered by id and paged with after and limit. Needs audit:read on the project.")
    ProjectAtView project(
            @PathVariable String project,
            @Parameter(description = AT, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String at,
            @Parameter(description = "Only this type: vm, volume or container")
            @RequestParam(required = false) @Pattern(regexp = PROJECT_TYPE, message = PROJECT_TYPE_MESSAGE)
            String type,
            @Parameter(description = AFTER) @RequestParam(required = false) String after,
            @Parameter(description = LIMIT)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int limit,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition,
            Authentication authentication, HttpServletRequest request) {
        Instant instant = Instants.required("at", at);
        readYourWrites.awaitIfRequested(minPosition);
        authorization.requireOn(caller(authentication), new Scope(null, null, project, null, null), AUDIT,
                "The inventory of project '" + project + "' as of " + instant, request);
        PointInTimeQueries.Listing listing = queries.projectAt(project, instant,
                types(type, PointInTimeQueries.PROJECT_TYPES), blankToNull(after), limit);
        SnapshotView owner = listing.owner().orElseThrow(() -> absent("project", project, instant));
        List<SnapshotView> items = page(listing.items(), limit);
        return new ProjectAtView(instant, owner, items, limit, next(listing.items(), items));
    }

    /** 404 for a site or project that was not registered at the instant, saying which of the two cases it is. */
    private ApiException absent(String type, String id, Instant at) {
        return versions.first(id).filter(first -> first.type().equals(type))
                .map(first -> ApiException.notFound("The " + type + " '" + id + "' did not exist at " + at
                        + ": its record begins at " + first.validFrom()))
                .orElseGet(() -> ApiException.notFound("Unknown " + type + " '" + id
                        + "': the inventory has no record of it"));
    }

    private static Set<String> types(String type, List<String> all) {
        return blankToNull(type) == null ? Set.copyOf(all) : Set.of(type);
    }

    private static List<SnapshotView> page(List<SnapshotView> fetched, int limit) {
        return fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    }

    /** The queries fetch one more than a page: if it is there, the page's last id is where the next one starts. */
    private static String next(List<SnapshotView> fetched, List<SnapshotView> page) {
        return fetched.size() > page.size() ? page.get(page.size() - 1).id() : null;
    }

    private static String caller(Authentication authentication) {
        return Caller.of(authentication).username();
    }
}
