package dev.twinledger.queryside.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.access.AccessEvaluator;
import dev.twinledger.queryside.access.AccessListings;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit endpoints at the web edge: the real security chain (realm role auditor), the real rule of which scope a
 * question needs (AuditScopes, AuditGate, QueryAuthorization), parameter checking, problem+json, and the access-log
 * row every request leaves. The read model, the grants' evaluation and the projection's progress are mocked.
 */
@WebMvcTest(controllers = AuditController.class)
@Import({SecurityConfiguration.class, ReadYourWrites.class, QueryAuthorization.class, AuditGate.class,
        AuditScopes.class, RealmGateRefusals.class})
@ImportAutoConfiguration(dev.twinledger.support.ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class AuditApiTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc2", Environment.PROD, "tenders");

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @MockitoBean
    AuditQueries queries;
    @MockitoBean
    AuditAccessLog accessLog;
    @MockitoBean
    AuditScopes.ResourceLocator inventory;
    @MockitoBean
    AccessEvaluator evaluator;
    @MockitoBean
    AccessListings listings;
    @MockitoBean
    ProjectionProgress progress;

    @BeforeEach
    void inventoryKnowsWeb1() {
        when(inventory.locate(anyString())).thenReturn(Optional.empty());
        when(inventory.locate("web-1")).thenReturn(Optional.of(WEB_1));
    }

    /** A validated token as Keycloak issues it: realm roles in realm_access.roles, mapped by the real converter. */
    private JwtRequestPostProcessor token(String username, String... roles) {
        return jwt().jwt(j -> j.subject("sub-" + username).claim("preferred_username", username)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    private JwtRequestPostProcessor auditor() {
        return token("auditor", "auditor");
    }

    private static AuditEntryView entry(long position, boolean sealed) {
        return new AuditEntryView(position, "ev-" + position, "VmMigrated", "dev.twinledger.api.migration.VmMigrated",
                "VirtualMachine", "web-1", 3L, AT, new AuditEntryView.ActorView("sub-bob", "bob"), "dc1", "corr-1",
                "cause-1", "rebalance", "CHG-7", JsonNodeFactory.instance.objectNode().put("vmId", "web-1"),
                List.of("web-1", "dc1-h1"), List.of("dc1", "dc2"), sealed, sealed ? 41L : null,
                sealed ? "a".repeat(64) : null, sealed ? "b".repeat(64) : null, sealed ? "c".repeat(64) : null);
    }

    private void auditReadOn(ResourceRef resource) {
        when(evaluator.holdsOn(eq("auditor"), eq(Set.of(dev.twinledger.policies.permission.Permissions.AUDIT_READ)),
                eq(resource), any())).thenReturn(true);
    }

    private void auditReadOn(Scope scope) {
        when(evaluator.holdsOn(eq("auditor"), eq(Set.of(dev.twinledger.policies.permission.Permissions.AUDIT_READ)),
                eq(scope), any())).thenReturn(true);
    }

    private AuditRequest loggedRequest(String outcome) {
        ArgumentCaptor<AuditRequest> request = ArgumentCaptor.forClass(AuditRequest.class);
        verify(accessLog).record(request.capture(), eq(outcome), any(), any());
        return request.getValue();
    }

    @Test
    void aVmsHistoryNeedsAuditReadOnTheVmAndAnswersAKeysetPageWithSeals() throws Exception {
        auditReadOn(WEB_1);
        when(queries.entries(any(), any())).thenReturn(new AuditPage<>(List.of(entry(40, true), entry(41, false)),
                "asc", 12L, 2, 41L));

        mvc.perform(get("/api/audit/events?resource=web-1&after=12&limit=2").with(auditor())
                        .header("X-Correlation-Id", "corr-auditor-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].position").value(40))
                .andExpect(jsonPath("$.items[0].type").value("VmMigrated"))
                .andExpect(jsonPath("$.items[0].eventType").value("dev.twinledger.api.migration.VmMigrated"))
                .andExpect(jsonPath("$.items[0].aggregateType").value("VirtualMachine"))
                .andExpect(jsonPath("$.items[0].sequence").value(3))
                .andExpect(jsonPath("$.items[0].occurredAt").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.items[0].actor.username").value("bob"))
                .andExpect(jsonPath("$.items[0].actor.subject").value("sub-bob"))
                .andExpect(jsonPath("$.items[0].handlingSite").value("dc1"))
                .andExpect(jsonPath("$.items[0].correlationId").value("corr-1"))
                .andExpect(jsonPath("$.items[0].causationId").value("cause-1"))
                .andExpect(jsonPath("$.items[0].reason").value("rebalance"))
                .andExpect(jsonPath("$.items[0].ticket").value("CHG-7"))
                .andExpect(jsonPath("$.items[0].payload.vmId").value("web-1"))
                .andExpect(jsonPath("$.items[0].sealed").value(true))
                .andExpect(jsonPath("$.items[0].chainIndex").value(41))
                .andExpect(jsonPath("$.items[0].chainHash").value("c".repeat(64)))
                .andExpect(jsonPath("$.items[1].sealed").value(false))
                .andExpect(jsonPath("$.items[1].chainHash").doesNotExist())
                .andExpect(jsonPath("$.next").value(41))
                .andExpect(jsonPath("$.after").value(12))
                .andExpect(jsonPath("$.limit").value(2))
                .andExpect(jsonPath("$.order").value("asc"));

        verify(queries).entries(new AuditFilter("web-1", null, null, null, null, null, null),
                new AuditPaging(12L, 2, false));
        ArgumentCaptor<AuditRequest> request = ArgumentCaptor.forClass(AuditRequest.class);
        verify(accessLog).record(request.capture(), eq("allowed"),
                eq("site=dc2, environment=prod, project=tenders, resource=vm/web-1"), eq("2 entries, more after 41"));
        assertThat(request.getValue().caller().username()).isEqualTo("auditor");
        assertThat(request.getValue().caller().subject()).isEqualTo("sub-auditor");
        assertThat(request.getValue().request()).isEqualTo("GET /api/audit/events?resource=web-1&after=12&limit=2");
        assertThat(request.getValue().correlationId()).isEqualTo("corr-auditor-1");
    }

    @Test
    void everyFilterReachesTheQueryAndASiteAloneNeedsTheSite() throws Exception {
        auditReadOn(new Scope("dc1", null, null, null, null));
        when(queries.entries(any(), any())).thenReturn(new AuditPage<>(List.of(), "desc", null, 10, null));

        mvc.perform(get("/api/audit/events?site=dc1&actor=bob&type=VmMigrated&from=2026-03-01T00:00:00Z"
                        + "&to=2026-03-02T00:00:00Z&correlationId=corr-1&order=desc&limit=10").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());

        verify(queries).entries(new AuditFilter(null, "bob", "VmMigrated", "dc1",
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), "corr-1"),
                new AuditPaging(null, 10, true));
        verify(accessLog).record(any(), eq("allowed"), eq("site=dc1"), eq("0 entries"));
    }

    @Test
    void withoutAuditReadOnTheScopeItIs403NamingPermissionAndScopeAndLogged() throws Exception {
        auditReadOn(new Scope("dc1", null, null, null, null));

        mvc.perform(get("/api/audit/events?actor=bob").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.permissions[0]").value("audit:read"))
                .andExpect(jsonPath("$.scope.text").value("everywhere"))
                .andExpect(jsonPath("$.detail", containsString("needs audit:read on everywhere")));
        mvc.perform(get("/api/audit/events?resource=web-1").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.siteId").value("dc2"))
                .andExpect(jsonPath("$.scope.resourceId").value("web-1"));
        mvc.perform(get("/api/audit/events?resource=gone-vm").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.resourceType").value("resource"))
                .andExpect(jsonPath("$.scope.siteId").doesNotExist());

        verify(queries, never()).entries(any(), any());
        verify(accessLog).record(any(), eq("denied"), eq("everywhere"), contains("audit:read"));
        verify(accessLog).record(any(), eq("denied"), eq("site=dc2, environment=prod, project=tenders,"
                + " resource=vm/web-1"), any());
        verify(listings).recordDeniedQuery(eq("auditor"), contains("/api/audit/events?actor=bob"), eq("audit:read"),
                eq("everywhere"), anyString());
    }

    @Test
    void aViewerIsRefusedByTheRealmRoleGateAndTheAttemptIsLogged() throws Exception {
        mvc.perform(get("/api/audit/events?resource=web-1").with(token("viewer", "viewer")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("auditor")));

        AuditRequest request = loggedRequest("denied");
        assertThat(request.caller().username()).isEqualTo("viewer");
        assertThat(request.request()).isEqualTo("GET /api/audit/events?resource=web-1");
        verify(accessLog).record(any(), eq("denied"), isNull(), contains("realm role 'auditor'"));
        verifyNoInteractions(queries);
    }

    @Test
    void withoutATokenItIs401() throws Exception {
        mvc.perform(get("/api/audit/events"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries, accessLog);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "resourceId=web-1                                   | resourceId",
            "after=-1                                           | after",
            "after=twelve                                       | after",
            "limit=0                                            | limit",
            "limit=501                                          | limit",
            "limit=ten                                          | limit",
            "order=newest                                       | order",
            "type=dev.twinledger.api.migration.VmMigrated       | type",
            "type=vm-migrated                                   | type",
            "from=yesterday                                     | from",
            "to=2026-13-01T00:00:00Z                            | to",
            "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z  | to",
            "from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z  | to",
            "minPosition=-3                                     | minPosition",
            "actor=alice&actor=bob                              | actor",
            "format=csv                                         | format"})
    void aBadOrUnknownParameterIs400NamingItAndLogged(String query, String parameter) throws Exception {
        mvc.perform(get("/api/audit/events?" + query).with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[0].field").value(parameter));

        verify(accessLog).record(any(), eq("invalid"), isNull(), contains(parameter));
        verifyNoInteractions(queries, evaluator);
    }

    @Test
    void severalMistakesAreNamedAtOnce() throws Exception {
        mvc.perform(get("/api/audit/events?limit=0&order=up&sitee=dc1").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.detail", containsString("sitee: is not a parameter of this endpoint")));
    }

    @Test
    void oneEntryNeedsItsSiteAnd404WhenAbsent() throws Exception {
        AuditEntryView oneSite = new AuditEntryView(7, "ev-7", "HostRegistered", "x.HostRegistered", "Host", "h1",
                0L, AT, new AuditEntryView.ActorView(null, null), "dc1", null, null, null, null,
                JsonNodeFactory.instance.objectNode(), List.of("h1", "dc1"), List.of("dc1"), false, null, null, null,
                null);
        when(queries.entry(7)).thenReturn(Optional.of(oneSite));
        when(queries.entry(8)).thenReturn(Optional.empty());
        auditReadOn(new Scope("dc1", null, null, null, null));

        mvc.perform(get("/api/audit/events/7").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.position").value(7))
                .andExpect(jsonPath("$.sealed").value(false));
        mvc.perform(get("/api/audit/events/8").with(auditor()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("position 8")));
        mvc.perform(get("/api/audit/events/seven").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("position"));

        verify(accessLog).record(any(), eq("allowed"), eq("site=dc1"), eq("1 entry"));
        verify(accessLog).record(any(), eq("not-found"), isNull(), contains("position 8"));
        verify(accessLog).record(any(), eq("invalid"), isNull(), contains("position"));
    }

    @Test
    void anEntryNamingTwoSitesNeedsEverywhere() throws Exception {
        when(queries.entry(40)).thenReturn(Optional.of(entry(40, true)));
        auditReadOn(new Scope("dc1", null, null, null, null));

        mvc.perform(get("/api/audit/events/40").with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.text").value("everywhere"));
    }

    @Test
    void aCorrelationsStoryIsPagedNeedsEverywhereAnd404WhenUnknown() throws Exception {
        auditReadOn(Scope.EVERYWHERE);
        when(queries.entries(eq(AuditFilter.ofCorrelation("corr-1")), any()))
                .thenReturn(new AuditPage<>(List.of(entry(40, true)), "asc", null, 50, null));
        when(queries.entries(eq(AuditFilter.ofCorrelation("corr-x")), any()))
                .thenReturn(new AuditPage<>(List.of(), "asc", null, 50, null));

        mvc.perform(get("/api/audit/correlations/corr-1").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].correlationId").value("corr-1"));
        mvc.perform(get("/api/audit/correlations/corr-x").with(auditor()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/audit/correlations/corr-1?resource=web-1").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resource"));
        verify(accessLog).record(any(), eq("allowed"), eq("everywhere"), eq("1 entry"));
        verify(accessLog).record(any(), eq("not-found"), eq("everywhere"), contains("corr-x"));
    }

    @Test
    void theAccessLogIsNewestFirstNeedsEverywhereAndIsItselfLogged() throws Exception {
        when(queries.accessLog(any(), any())).thenReturn(new AuditPage<>(List.of(new AccessLogEntryView(3, AT,
                new AuditEntryView.ActorView("sub-auditor", "auditor"), "GET /api/audit/events", "allowed",
                "everywhere", "0 entries", "corr-9")), "desc", null, 50, null));

        mvc.perform(get("/api/audit/access-log?caller=auditor").with(auditor()))
                .andExpect(status().isForbidden());
        auditReadOn(Scope.EVERYWHERE);
        mvc.perform(get("/api/audit/access-log?caller=auditor").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].caller.username").value("auditor"))
                .andExpect(jsonPath("$.items[0].request").value("GET /api/audit/events"))
                .andExpect(jsonPath("$.items[0].outcome").value("allowed"))
                .andExpect(jsonPath("$.items[0].correlationId").value("corr-9"))
                .andExpect(jsonPath("$.order").value("desc"));

        verify(queries).accessLog("auditor", new AuditPaging(null, 50, true));
        verify(accessLog).record(any(), eq("denied"), eq("everywhere"), any());
        verify(accessLog).record(any(), eq("allowed"), eq("everywhere"), eq("1 access-log entries"));
    }

    @Test
    void minPositionNotReachedIs503AndLogged() throws Exception {
        when(progress.awaitApplied(anyLong(), any())).thenReturn(false);

        mvc.perform(get("/api/audit/events?minPosition=99").with(auditor()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
        verify(accessLog).record(any(), eq("unavailable"), isNull(), any());
        verify(evaluator, never()).holdsOn(anyString(), anySet(), any(Scope.class), any());
    }

    private static String contains(String text) {
        return org.mockito.ArgumentMatchers.contains(text);
    }
}
