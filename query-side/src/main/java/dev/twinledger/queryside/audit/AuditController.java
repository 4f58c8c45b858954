package dev.twinledger.queryside.audit;

import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/audit/**} queries: the audit log filtered and paged by global position, one entry, one request's whole
 * story, and the log of who read the audit record. Every endpoint needs the realm role auditor (the filter chain) and
 * {@code audit:read} on the question's scope ({@link AuditScopes}); every request, answered or refused, leaves one row
 * in the access log.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditController {

    static final String RESOURCE = "Entries concerning this resource id: its own events and every event naming it "
            + "(a VM's migrations and decommission, its hosts' memory moves, denied attempts on it). Needs audit:read "
            + "on the resource.";
    static final String ACTOR = "Entries whose actor has this username or token subject";
    static final String TYPE = "Entries of this simple event name, e.g. VmMigrated, GrantRevoked, AccessDenied";
    static final String SITE = "Entries handled at this site or naming it. Without resource=, it needs audit:read on "
            + "the site.";
    static final String FROM = "Entries that occurred at or after this ISO-8601 instant";
    static final String TO = "Entries that occurred before this ISO-8601 instant (after from)";
    static final String CORRELATION = "Entries caused by the request with this correlation id";
    static final String AFTER = "The next cursor of the previous page: entries after this key in the chosen order";
    static final String LIMIT = "Entries per page, 1 to 500 (default 50)";
    static final String ORDER = "asc (oldest first, default) or desc";

    private final AuditQueries queries;
    private final AuditScopes scopes;
    private final AuditGate gate;
    private final AuditAccessLog accessLog;
    private final ReadYourWrites readYourWrites;

    AuditController(AuditQueries queries, AuditScopes scopes, AuditGate gate, AuditAccessLog accessLog,
                    ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.scopes = scopes;
        this.gate = gate;
        this.accessLog = accessLog;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/events")
    @Operation(summary = "The audit log",
            description = "Every stored event (inventory, migrations, campaigns, alerts, access changes, denied "
                    + "attempts) with who, when, where, why, its payload and its seal, ordered by global position and "
                    + "paged by it (follow next as after). Filters combine with AND; an unknown parameter is a 400. "
                    + "Needs audit:read on the resource (resource=), on the site (site= alone), or everywhere.")
    @Parameters({
            @Parameter(name = "resource", in = ParameterIn.QUERY, description = RESOURCE),
            @Parameter(name = "actor", in = ParameterIn.QUERY, description = ACTOR),
            @Parameter(name = "type", in = ParameterIn.QUERY, description = TYPE),
            @Parameter(name = "site", in = ParameterIn.QUERY, description = SITE),
            @Parameter(name = "from", in = ParameterIn.QUERY, description = FROM,
                    schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = TO,
                    schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "correlationId", in = ParameterIn.QUERY, description = CORRELATION),
            @Parameter(name = "after", in = ParameterIn.QUERY, description = AFTER,
                    schema = @Schema(type = "integer", format = "int64")),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = LIMIT,
                    schema = @Schema(type = "integer")),
            @Parameter(name = "order", in = ParameterIn.QUERY, description = ORDER,
                    schema = @Schema(allowableValues = {"asc", "desc"})),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY, description = ApiDocs.MIN_POSITION,
                    schema = @Schema(type = "integer", format = "int64"))})
    AuditPage<AuditEntryView> events(Authentication authentication, HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            AuditParameters parameters = AuditParameters.of(http, concat(AuditParameters.FILTERS,
                    AuditParameters.PAGING));
            AuditFilter filter = parameters.filter();
            AuditPaging paging = parameters.paging(false);
            Long minPosition = parameters.position("minPosition");
            parameters.validate();
            readYourWrites.awaitIfRequested(minPosition);
            gate.require(call.request(), call.scope(scopes.of(filter)), question(filter), http);
            AuditPage<AuditEntryView> page = queries.entries(filter, paging);
            return call.allowed(page, entries(page));
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    @GetMapping("/events/{position}")
    @Operation(summary = "One audit entry",
            description = "The entry at a global position, with its seal; 404 when the log holds none there. Needs "
                    + "audit:read on the entry's site, or everywhere when it names several sites or none.")
    @Parameter(name = "minPosition", in = ParameterIn.QUERY, description = ApiDocs.MIN_POSITION,
            schema = @Schema(type = "integer", format = "int64"))
    AuditEntryView event(@Parameter(description = "A global position, at least 0",
                                    schema = @Schema(type = "integer", format = "int64"))
                         @PathVariable("position") String positionText,
                         Authentication authentication, HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            AuditParameters parameters = AuditParameters.of(http, List.of("minPosition"));
            Long minPosition = parameters.position("minPosition");
            long position = parameters.pathPosition("position", positionText);
            parameters.validate();
            readYourWrites.awaitIfRequested(minPosition);
            AuditEntryView entry = queries.entry(position).orElseThrow(() -> ApiException.notFound(
                    "The audit log holds no entry at position " + position));
            gate.require(call.request(), call.scope(AuditScopes.ofEntry(entry.sites())),
                    "The audit entry at position " + position, http);
            return call.allowed(entry, "1 entry");
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    @GetMapping("/correlations/{correlationId}")
    @Operation(summary = "The whole story of one request",
            description = "Every entry one request caused (the correlation id a command response echoes in "
                    + "X-Correlation-Id), including what a process did on its behalf, paged like the log; 404 when "
                    + "there is none. Needs audit:read everywhere (one request may touch every site).")
    @Parameters({
            @Parameter(name = "after", in = ParameterIn.QUERY, description = AFTER,
                    schema = @Schema(type = "integer", format = "int64")),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = LIMIT,
                    schema = @Schema(type = "integer")),
            @Parameter(name = "order", in = ParameterIn.QUERY, description = ORDER,
                    schema = @Schema(allowableValues = {"asc", "desc"})),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY, description = ApiDocs.MIN_POSITION,
                    schema = @Schema(type = "integer", format = "int64"))})
    AuditPage<AuditEntryView> correlation(@PathVariable String correlationId, Authentication authentication,
                                          HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            AuditParameters parameters = AuditParameters.of(http, AuditParameters.PAGING);
            AuditPaging paging = parameters.paging(false);
            Long minPosition = parameters.position("minPosition");
            parameters.validate();
            readYourWrites.awaitIfRequested(minPosition);
            AuditFilter filter = AuditFilter.ofCorrelation(correlationId);
            gate.require(call.request(), call.scope(scopes.of(filter)), "The story of request " + correlationId,
                    http);
            AuditPage<AuditEntryView> page = queries.entries(filter, paging);
            if (page.items().isEmpty() && paging.after() == null) {
                throw ApiException.notFound("The audit log holds no entry of correlation id '" + correlationId
                        + "'");
            }
            return call.allowed(page, entries(page));
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    @GetMapping("/access-log")
    @Operation(summary = "Who read the audit record",
            description = "One row per request to /api/audit/** (this one included, once answered): caller, request, "
                    + "outcome (allowed, denied, invalid, not-found, unavailable, failed), the scope audit:read was "
                    + "needed on, what was answered, correlation id. Newest first unless order=asc. Needs audit:read "
                    + "everywhere.")
    @Parameters({
            @Parameter(name = "caller", in = ParameterIn.QUERY, description = "Only this caller's requests, by "
                    + "username or token subject"),
            @Parameter(name = "after", in = ParameterIn.QUERY, description = AFTER,
                    schema = @Schema(type = "integer", format = "int64")),
            @Parameter(name = "limit", in = ParameterIn.QUERY, description = LIMIT,
                    schema = @Schema(type = "integer")),
            @Parameter(name = "order", in = ParameterIn.QUERY, description = "desc (newest first, default) or asc",
                    schema = @Schema(allowableValues = {"asc", "desc"})),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY, description = ApiDocs.MIN_POSITION,
                    schema = @Schema(type = "integer", format = "int64"))})
    AuditPage<AccessLogEntryView> accessLog(Authentication authentication, HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            List<String> known = new ArrayList<>(AuditParameters.PAGING);
            known.add("caller");
            AuditParameters parameters = AuditParameters.of(http, known);
            String caller = parameters.text("caller");
            AuditPaging paging = parameters.paging(true);
            Long minPosition = parameters.position("minPosition");
            parameters.validate();
            readYourWrites.awaitIfRequested(minPosition);
            gate.require(call.request(), call.scope(scopes.of(AuditFilter.ALL)), "The audit access log", http);
            AuditPage<AccessLogEntryView> page = queries.accessLog(caller, paging);
            return call.allowed(page, page.items().size() + " access-log entries");
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    /** The question in words, for a refusal. */
    static String question(AuditFilter filter) {
        if (filter.resource() != null) {
            return "The audit log of resource " + filter.resource();
        }
        if (filter.site() != null && filter.given().size() == 1) {
            return "The audit log of site " + filter.site();
        }
        return filter.given().isEmpty() ? "The whole audit log" : "The audit log filtered by " + filter.given();
    }

    private static String entries(AuditPage<AuditEntryView> page) {
        return page.items().size() + (page.items().size() == 1 ? " entry" : " entries")
                + (page.next() == null ? "" : ", more after " + page.next());
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
