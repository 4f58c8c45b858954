package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.evaluation.Coverage;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
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
 * The access endpoints at the web edge, with the real security chain, validation, problem+json advice and the real
 * rule of who may ask what ({@link QueryAuthorization}); the evaluation, the read model and the projection's progress
 * are mocked.
 */
@WebMvcTest(controllers = AccessController.class)
@Import({SecurityConfiguration.class, ReadYourWrites.class, QueryAuthorization.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class AccessApiTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
    private static final GrantPathView PATH = new GrantPathView("g-1", "group:ops", "operator",
            ScopeView.of(new Scope("dc1", Environment.PROD, null, null, null)), "ops", "boss", AT, "ev-1", 17,
            "second", AT.plusSeconds(60), "ev-2", AT, null, "on call", "CHG-1",
            new MembershipView("ops", "alice", AT, null, "boss", AT, "ev-0", 15));

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AccessEvaluator evaluator;
    @MockitoBean
    AccessListings listings;
    @MockitoBean
    ResourceAttributes attributes;
    @MockitoBean
    ProjectionProgress progress;

    @BeforeEach
    void inventoryKnowsWeb1() {
        when(attributes.locate(anyString(), anyString(), any())).thenReturn(Optional.empty());
        when(attributes.locate(eq("vm"), eq("web-1"), any()))
                .thenReturn(Optional.of(new ResourceAttributes.Located(WEB_1, "inventory (current)")));
    }

    /** A valid token of {@code username} with no realm role at all: access queries need none. */
    private static JwtRequestPostProcessor token(String username) {
        return jwt().jwt(j -> j.subject("sub-" + username).claim("preferred_username", username));
    }

    @Test
    void aCallerWithoutRealmRolesMayCheckTheirOwnAccessAndSeesTheReasons() throws Exception {
        when(evaluator.check(eq(Principal.user("alice")), eq(Permissions.VM_PROVISION), eq(WEB_1),
                eq("inventory (current)"), eq(AT))).thenReturn(new CheckView(true, "user:alice", "vm:provision",
                ResourceView.of(WEB_1, "inventory (current)"), AT, List.of(PATH), null, List.of(), List.of(),
                List.of("user:alice may vm:provision on vm web-1 ...")));

        mvc.perform(get("/api/access/check?principal=user:alice&action=vm:provision&resourceType=vm"
                        + "&resourceId=web-1&asOf=2026-03-01T10:00:00Z").with(token("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.resource.siteId").value("dc1"))
                .andExpect(jsonPath("$.resource.attributesFrom").value("inventory (current)"))
                .andExpect(jsonPath("$.reasons[0].grantId").value("g-1"))
                .andExpect(jsonPath("$.reasons[0].via").value("ops"))
                .andExpect(jsonPath("$.reasons[0].grantedBy").value("boss"))
                .andExpect(jsonPath("$.reasons[0].grantEventId").value("ev-1"))
                .andExpect(jsonPath("$.reasons[0].grantPosition").value(17))
                .andExpect(jsonPath("$.reasons[0].approvedBy").value("second"))
                .andExpect(jsonPath("$.reasons[0].approvalEventId").value("ev-2"))
                .andExpect(jsonPath("$.reasons[0].scope.text").value("site=dc1, environment=prod"))
                .andExpect(jsonPath("$.reasons[0].membership.username").value("alice"))
                .andExpect(jsonPath("$.asOf").value("2026-03-01T10:00:00Z"));
        verify(evaluator, never()).holdsOn(anyString(), anySet(), any(ResourceRef.class), any());
    }

    @Test
    void checkingSomeoneElseWithoutOversightIs403NamingThePermissionsAndScopeAndIsRecorded() throws Exception {
        when(evaluator.holdsOn(eq("mallory"), eq(QueryAuthorization.OVERSIGHT), eq(WEB_1), any())).thenReturn(false);

        mvc.perform(get("/api/access/check?principal=user:alice&action=vm:provision&resourceId=web-1")
                        .with(token("mallory")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.permissions[0]").value("audit:read"))
                .andExpect(jsonPath("$.permissions[1]").value("grant:create"))
                .andExpect(jsonPath("$.scope.siteId").value("dc1"))
                .andExpect(jsonPath("$.scope.resourceId").value("web-1"))
                .andExpect(jsonPath("$.detail", containsString("audit:read or grant:create")));
        verify(listings).recordDeniedQuery(eq("mallory"), containsStringArg("/api/access/check"),
                eq("audit:read or grant:create"), containsStringArg("resource=vm/web-1"), anyString());
        verify(evaluator, never()).check(any(), any(), any(), any(), any());
    }

    @Test
    void checkingSomeoneElseWithOversightOnTheResourceIsAnswered() throws Exception {
        when(evaluator.holdsOn(eq("auditor"), eq(QueryAuthorization.OVERSIGHT), eq(WEB_1), any())).thenReturn(true);
        when(evaluator.check(any(), any(), any(), any(), any())).thenReturn(new CheckView(false, "user:alice",
                "vm:provision", ResourceView.of(WEB_1, "inventory (current)"), AT, List.of(),
                new CheckView.Missing("vm:provision", ScopeView.of(Scope.of(WEB_1))), List.of(), List.of(),
                List.of("user:alice may not ...")));

        mvc.perform(get("/api/access/check?principal=user:alice&action=vm:provision&resourceId=web-1")
                        .with(token("auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.missing.permission").value("vm:provision"))
                .andExpect(jsonPath("$.missing.scope.resourceId").value("web-1"));
        verify(listings, never()).recordDeniedQuery(any(), any(), any(), any(), any());
    }

    @Test
    void theRequestsAttributesDescribeAResourceTheInventoryDoesNotKnow() throws Exception {
        when(evaluator.holdsOn(anyString(), anySet(), any(ResourceRef.class), any())).thenReturn(true);
        when(evaluator.check(any(), any(), any(), any(), any())).thenReturn(new CheckView(false, "group:ops",
                "vm:provision", null, AT, List.of(), null, List.of(), List.of(), List.of()));

        mvc.perform(get("/api/access/check?principal=group:ops&action=vm:provision&resourceId=new-vm&siteId=dc2"
                        + "&environment=DEV&project=shop").with(token("auditor")))
                .andExpect(status().isOk());
        verify(evaluator).check(eq(Principal.group("ops")), eq(Permissions.VM_PROVISION),
                eq(ResourceRef.vm("new-vm", "dc2", Environment.DEV, "shop")), eq("request (not in the inventory)"),
                any());
        mvc.perform(get("/api/access/check?principal=group:ops&action=vm:provision&resourceId=web-1&siteId=dc2")
                        .with(token("auditor")))
                .andExpect(status().isOk());
        verify(evaluator).check(eq(Principal.group("ops")), eq(Permissions.VM_PROVISION),
                eq(ResourceRef.vm("web-1", "dc2", Environment.PROD, "shop")),
                eq("inventory (current), overridden by the request's parameters"), any());
    }

    @Test
    void whatICanDoNeedsNothingWhatOthersCanDoNeedsOversightEverywhere() throws Exception {
        when(evaluator.whatCanDo(any(), any())).thenReturn(List.of(new ScopePermissionsView(PATH.scope(),
                List.of("vm:operate", "vm:provision"), List.of(PATH))));
        when(evaluator.holdsOn(anyString(), anySet(), any(Scope.class), any())).thenReturn(false);

        mvc.perform(get("/api/access/principals/user:alice/permissions").with(token("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.principal").value("user:alice"))
                .andExpect(jsonPath("$.items[0].permissions[1]").value("vm:provision"))
                .andExpect(jsonPath("$.items[0].paths[0].grantId").value("g-1"))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.totalPages").value(1));
        mvc.perform(get("/api/access/principals/user:alice/permissions").with(token("bob")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.text").value("everywhere"));
        mvc.perform(get("/api/access/principals/group:ops/permissions").with(token("ops")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/access/principals/user:alice/history").with(token("bob")))
                .andExpect(status().isForbidden());
        verify(evaluator, times(2)).holdsOn(eq("bob"), eq(QueryAuthorization.OVERSIGHT),
                eq(Scope.EVERYWHERE), any());
    }

    @Test
    void listsThatSpanPrincipalsNeedOversightEverywhereButOnesOwnDoNot() throws Exception {
        when(evaluator.holdsOn(anyString(), anySet(), any(Scope.class), any())).thenReturn(false);
        when(listings.grants(any(), any(), any(), any(), any(), anyInt(), anyInt()))
                .thenReturn(PageView.of(List.of(), 0, 50, 0));
        when(listings.denials(any(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(), 0, 50, 0));
        when(listings.history(any(), any(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        for (String path : List.of("/api/access/grants", "/api/access/grants?principal=user:bob",
                "/api/access/denials", "/api/access/denials?actor=bob", "/api/access/reviews",
                "/api/access/matrix?siteId=dc1", "/api/access/who-can?action=vm:provision&resourceId=web-1")) {
            mvc.perform(get(path).with(token("alice")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/access/grants?principal=user:alice&status=EXPIRED").with(token("alice")))
                .andExpect(status().isOk());
        verify(listings).grants(eq("USER"), eq("alice"), isNull(), eq(GrantStatusFilter.EXPIRED), any(), eq(0),
                eq(50));
        mvc.perform(get("/api/access/denials?actor=alice").with(token("alice"))).andExpect(status().isOk());
        mvc.perform(get("/api/access/principals/user:alice/history?page=2&size=10").with(token("alice")))
                .andExpect(status().isOk());
        verify(listings).history("USER", "alice", 2, 10);
    }

    @Test
    void theMatrixNeedsOversightOnAScopeContainingTheOneAsked() throws Exception {
        Scope dc1Prod = new Scope("dc1", Environment.PROD, null, null, null);
        when(evaluator.holdsOn(eq("auditor"), eq(QueryAuthorization.OVERSIGHT), eq(dc1Prod), any())).thenReturn(true);
        when(evaluator.matrix(eq(dc1Prod), any())).thenReturn(new MatrixView(ScopeView.of(dc1Prod), AT,
                List.of(new MatrixView.Row("alice", Map.of("vm:provision",
                        Coverage.WHOLE)))));

        mvc.perform(get("/api/access/matrix?siteId=dc1&environment=PROD").with(token("auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.text").value("site=dc1, environment=prod"))
                .andExpect(jsonPath("$.rows[0].user").value("alice"))
                .andExpect(jsonPath("$.rows[0].permissions['vm:provision']").value("WHOLE"));
    }

    @Test
    void aGrantIsReadByItsHolderOrByOversightOnItsScope() throws Exception {
        GrantView grant = new GrantView("g-1", "user:alice", "operator", PATH.scope(), AT, null, "on call", null,
                false, "ACTIVE", new GrantView.Step("boss", AT, "ev-1", 17L, null), null, null, null, null);
        when(listings.grant(eq("g-1"), any())).thenReturn(Optional.of(grant));
        when(listings.grant(eq("ghost"), any())).thenReturn(Optional.empty());
        when(evaluator.holdsOn(anyString(), anySet(), any(Scope.class), any())).thenReturn(false);

        mvc.perform(get("/api/access/grants/g-1").with(token("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requested.by").value("boss"))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(get("/api/access/grants/g-1").with(token("bob")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.text").value("site=dc1, environment=prod"));
        mvc.perform(get("/api/access/grants/ghost").with(token("alice")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("ghost")));
    }

    @Test
    void unknownGroupsAndReviewsAre404() throws Exception {
        when(listings.group(anyString())).thenReturn(Optional.empty());
        when(listings.review(anyString())).thenReturn(Optional.empty());

        mvc.perform(get("/api/access/groups/ghost").with(token("alice"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/access/reviews/ghost").with(token("alice"))).andExpect(status().isNotFound());
    }

    @Test
    void aReviewIsReadByItsReviewerAndAGroupByWhoeverManagesIt() throws Exception {
        ReviewView review = new ReviewView("rev-1", PATH.scope(), "rita", null, "boss", AT, "OPEN", null, null,
                null, null, null, List.of());
        when(listings.review("rev-1")).thenReturn(Optional.of(review));
        when(evaluator.holdsOn(anyString(), anySet(), any(Scope.class), any())).thenReturn(false);
        when(listings.group("ops")).thenReturn(Optional.of(new GroupView("ops", "operators", "boss", AT, "ev-0",
                null, null, null)));
        when(evaluator.holdsOn(eq("lead"), eq(Set.of(Permissions.AUDIT_READ, Permissions.GRANT_CREATE,
                Permissions.GROUP_MANAGE)), eq(new ResourceRef("group", "ops", null, null, null)), any()))
                .thenReturn(true);
        when(evaluator.membersAt(eq("ops"), any())).thenReturn(List.of(PATH.membership()));

        mvc.perform(get("/api/access/reviews/rev-1").with(token("rita"))).andExpect(status().isOk());
        mvc.perform(get("/api/access/reviews/rev-1").with(token("bob"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/access/groups/ops?asOf=2026-03-01T10:00:00Z").with(token("lead")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.members[0].username").value("alice"))
                .andExpect(jsonPath("$.asOf").value("2026-03-01T10:00:00Z"));
        mvc.perform(get("/api/access/groups/ops").with(token("bob"))).andExpect(status().isForbidden());
    }

    @Test
    void rolesAtAnInstantNeedOnlyAToken() throws Exception {
        when(evaluator.rolesAt(AT)).thenReturn(RoleCatalog.of(List.of(new Role(
                "operator", Set.of(Permission.parse("vm:provision")))), Set.of()));
        when(listings.roleVersionsAt(AT)).thenReturn(Map.of());

        mvc.perform(get("/api/access/roles?asOf=2026-03-01T10:00:00Z").with(token("nobody")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0].name").value("operator"))
                .andExpect(jsonPath("$.roles[0].permissions[0]").value("vm:provision"))
                .andExpect(jsonPath("$.roles[0].privileged").value(false));
    }

    @Test
    void noTokenIs401() throws Exception {
        mvc.perform(get("/api/access/roles"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "/api/access/check?principal=alice&action=vm:provision&resourceId=web-1; principal",
            "/api/access/check?principal=robot:x&action=vm:provision&resourceId=web-1; principal",
            "/api/access/check?principal=user:&action=vm:provision&resourceId=web-1; principal",
            "/api/access/check?principal=user:a&action=vm:fly&resourceId=web-1; action",
            "/api/access/check?principal=user:a&action=provision&resourceId=web-1; action",
            "/api/access/check?principal=user:a&action=vm:provision&resourceType=VM&resourceId=web-1; resourceType",
            "/api/access/check?principal=user:a&action=vm:provision&resourceId=; resourceId",
            "/api/access/check?principal=user:a&action=vm:provision&resourceId=x&environment=prod; environment",
            "/api/access/check?principal=user:a&action=vm:provision&resourceId=x&asOf=2999-01-01T00:00:00Z; asOf",
            "/api/access/check?principal=user:a&action=vm:provision&resourceId=x&asOf=yesterday; asOf",
            "/api/access/check?principal=user:a&action=vm:provision&resourceId=x&minPosition=-1; minPosition",
            "/api/access/who-can?action=nothing&resourceId=x; action",
            "/api/access/who-can?action=vm:provision&resourceId=x&size=0; size",
            "/api/access/matrix?asOf=2999-01-01T00:00:00Z; asOf",
            "/api/access/principals/nobody/permissions; principal",
            "/api/access/principals/user:a/permissions?page=-1; page",
            "/api/access/principals/user:a/history?size=501; size",
            "/api/access/grants?status=LIVE; status",
            "/api/access/grants?principal=x; principal",
            "/api/access/reviews?state=PENDING; state",
            "/api/access/roles?asOf=2999-01-01T00:00:00Z; asOf",
            "/api/access/denials?page=x; page",
    })
    void badParametersAre400NamingTheParameter(String path, String parameter) throws Exception {
        mvc.perform(get(path).with(token("a")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
        verifyNoInteractions(evaluator, listings);
    }

    @Test
    void aMissingRequiredParameterIs400() throws Exception {
        mvc.perform(get("/api/access/check?principal=user:a&action=vm:provision").with(token("a")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("resourceId")));
    }

    @Test
    void aPositionNotYetAppliedIs503BeforeAnythingIsEvaluated() throws Exception {
        when(progress.awaitApplied(anyLong(), any(Duration.class))).thenReturn(false);

        mvc.perform(get("/api/access/check?principal=user:a&action=vm:provision&resourceId=x&minPosition=42")
                        .with(token("a")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.minPosition").value(42));
        verifyNoInteractions(evaluator);
    }

    @Test
    void aPositionAppliedIsWaitedForThenAnswered() throws Exception {
        when(progress.awaitApplied(eq(42L), any(Duration.class))).thenReturn(true);
        when(evaluator.check(any(), any(), any(), any(), any())).thenReturn(new CheckView(false, "user:a",
                "vm:provision", null, AT, List.of(), null, List.of(), List.of(), List.of()));

        mvc.perform(get("/api/access/check?principal=user:a&action=vm:provision&resourceId=x&minPosition=42")
                        .with(token("a")))
                .andExpect(status().isOk());
        verify(progress).awaitApplied(eq(42L), any(Duration.class));
    }

    private static String containsStringArg(String part) {
        return contains(part);
    }
}
