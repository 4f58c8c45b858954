package dev.twinledger.queryside.pointintime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.access.AccessEvaluator;
import dev.twinledger.queryside.access.AccessListings;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.asof.SnapshotView;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.support.ServiceSupportAutoConfiguration;
import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The point-in-time endpoints at the web edge, with the real security chain and realm-role mapping, validation,
 * problem+json advice and the real rule of who may read what ({@link QueryAuthorization}, recording refusals); the
 * grants' evaluation, the read model and the projection's progress are mocked.
 */
@WebMvcTest(controllers = SnapshotController.class)
@Import({SecurityConfiguration.class, ReadYourWrites.class, QueryAuthorization.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class SnapshotApiTest {

    private static final String T = "2026-03-01T10:00:00Z";
    private static final Instant AT = Instant.parse(T);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SnapshotView WEB_1 = version("web-1", "vm", Map.of("id", "web-1", "name", "web",
            "siteId", "dc1", "hostId", "dc1-h1", "project", "tenders", "environment", "PROD", "state", "ACTIVE"),
            AT.minusSeconds(3600), AT.plusSeconds(60), 812, "MigrationCompleted");
    private static final ResourceRef WEB_1_THEN = ResourceRef.vm("web-1", "dc1", Environment.PROD, "tenders");
    private static final SnapshotView DC1 = version("dc1", "site", Map.of("id", "dc1", "name", "Primary"),
            AT.minusSeconds(86_400), null, 3, "SiteRegistered");
    private static final SnapshotView TENDERS = version("tenders", "project", Map.of("id", "tenders"),
            AT.minusSeconds(86_400), null, 5, "ProjectRegistered");

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @MockitoBean
    InventoryVersions versions;
    @MockitoBean
    PointInTimeQueries queries;
    @MockitoBean
    AccessEvaluator evaluator;
    @MockitoBean
    AccessListings listings;
    @MockitoBean
    ProjectionProgress progress;

    private static SnapshotView version(String id, String type, Map<String, String> attributes, Instant from,
                                        Instant to, long position, String event) {
        return new SnapshotView(id, type, from, to, position, 4, "ev-" + position, event,
                "dev.twinledger.api." + event, JSON.valueToTree(attributes));
    }

    /** A validated token of {@code username} as Keycloak issues it, realm roles mapped by the real converter. */
    private JwtRequestPostProcessor token(String username, String... roles) {
        return jwt().jwt(j -> j.subject("sub-" + username).claim("preferred_username", username)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    private void holdsAuditReadOn(String user, ResourceRef resource) {
        when(evaluator.holdsOn(eq(user), eq(Set.of(Permissions.AUDIT_READ)), eq(resource), any())).thenReturn(true);
    }

    @Test
    void anAuditorReadsAResourceAsItWasWithTheVersionAndTheEventThatMadeIt() throws Exception {
        when(versions.at("web-1", AT)).thenReturn(Optional.of(WEB_1));
        holdsAuditReadOn("ann", WEB_1_THEN);

        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=" + T).with(token("ann", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value(T))
                .andExpect(jsonPath("$.resource.id").value("web-1"))
                .andExpect(jsonPath("$.resource.type").value("vm"))
                .andExpect(jsonPath("$.resource.validFrom").value("2026-03-01T09:00:00Z"))
                .andExpect(jsonPath("$.resource.validTo").value("2026-03-01T10:01:00Z"))
                .andExpect(jsonPath("$.resource.position").value(812))
                .andExpect(jsonPath("$.resource.eventId").value("ev-812"))
                .andExpect(jsonPath("$.resource.event").value("MigrationCompleted"))
                .andExpect(jsonPath("$.resource.attributes.siteId").value("dc1"))
                .andExpect(jsonPath("$.resource.attributes.hostId").value("dc1-h1"));
        verify(listings, never()).recordDeniedQuery(any(), any(), any(), any(), any());
    }

    @Test
    void withoutAuditReadWhereTheResourceStoodThenTheAnswerIs403AndTheRefusalIsRecorded() throws Exception {
        when(versions.at("web-1", AT)).thenReturn(Optional.of(WEB_1));
        when(evaluator.holdsOn(anyString(), anySet(), any(ResourceRef.class), any())).thenReturn(false);

        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=" + T).with(token("bob", "platform-admin")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.permissions[0]").value("audit:read"))
                .andExpect(jsonPath("$.permissions.length()").value(1))
                .andExpect(jsonPath("$.scope.siteId").value("dc1"))
                .andExpect(jsonPath("$.scope.resourceId").value("web-1"))
                .andExpect(jsonPath("$.detail", containsString("needs audit:read on site=dc1")));
        verify(evaluator).holdsOn(eq("bob"), eq(Set.of(Permissions.AUDIT_READ)), eq(WEB_1_THEN), any());
        verify(listings).recordDeniedQuery(eq("bob"), contains("/api/audit/snapshot/resources/web-1"),
                eq("audit:read"), contains("resource=vm/web-1"), anyString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"viewer", "operator", "access-admin"})
    void otherRealmRolesDoNotPassTheGate(String role) throws Exception {
        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=" + T).with(token("eve", role)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("'auditor' or 'platform-admin'")));
        verifyNoInteractions(versions, queries, evaluator);
    }

    @Test
    void anUnknownResourceAndOneThatDidNotExistYetAreTwoDifferent404s() throws Exception {
        holdsAuditReadOn("ann", WEB_1_THEN);
        mvc.perform(get("/api/audit/snapshot/resources/ghost?at=" + T).with(token("ann", "auditor")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("Unknown resource 'ghost'")));

        when(versions.first("web-1")).thenReturn(Optional.of(WEB_1));
        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=2020-01-01T00:00:00Z").with(token("ann", "auditor")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("The vm 'web-1' did not exist at 2020-01-01T00:00:00Z")))
                .andExpect(jsonPath("$.detail", containsString("begins at 2026-03-01T09:00:00Z")));
    }

    @Test
    void thatAResourceDidNotExistYetIsOnlyToldToWhoMayReadIt() throws Exception {
        when(versions.first("web-1")).thenReturn(Optional.of(WEB_1));
        when(evaluator.holdsOn(anyString(), anySet(), any(ResourceRef.class), any())).thenReturn(false);

        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=2020-01-01T00:00:00Z").with(token("bob", "auditor")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aSitePageHasTheSiteThenItsResourcesAndTheCursorOfTheNextPage() throws Exception {
        when(evaluator.holdsOn(eq("ann"), eq(Set.of(Permissions.AUDIT_READ)),
                eq(new Scope("dc1", null, null, null, null)), any())).thenReturn(true);
        SnapshotView host = version("dc1-h1", "host", Map.of("siteId", "dc1"), AT, null, 9, "HostRegistered");
        SnapshotView extra = version("web-2", "vm", Map.of("siteId", "dc1"), AT, null, 10, "VmProvisioned");
        when(queries.siteAt(eq("dc1"), eq(AT), anySet(), isNull(), isNull(), eq(2)))
                .thenReturn(new PointInTimeQueries.Listing(Optional.of(DC1), List.of(host, WEB_1, extra)));

        mvc.perform(get("/api/audit/snapshot/sites/dc1?at=" + T + "&limit=2").with(token("ann", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value(T))
                .andExpect(jsonPath("$.site.id").value("dc1"))
                .andExpect(jsonPath("$.site.attributes.name").value("Primary"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].id").value("dc1-h1"))
                .andExpect(jsonPath("$.items[1].id").value("web-1"))
                .andExpect(jsonPath("$.limit").value(2))
                .andExpect(jsonPath("$.next").value("web-1"));
        verify(queries).siteAt("dc1", AT, Set.copyOf(PointInTimeQueries.SITE_TYPES), null, null, 2);

        when(queries.siteAt(eq("dc1"), eq(AT), anySet(), eq("ACTIVE"), eq("web-1"), eq(2)))
                .thenReturn(new PointInTimeQueries.Listing(Optional.of(DC1), List.of(extra)));
        mvc.perform(get("/api/audit/snapshot/sites/dc1?at=" + T + "&limit=2&after=web-1&type=vm&state=ACTIVE")
                        .with(token("ann", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("web-2"))
                .andExpect(jsonPath("$.next").isEmpty());
        verify(queries).siteAt("dc1", AT, Set.of("vm"), "ACTIVE", "web-1", 2);
    }

    @Test
    void aSiteNeedsAuditReadOnTheSiteAndA404SaysWhetherItExisted() throws Exception {
        mvc.perform(get("/api/audit/snapshot/sites/dc1?at=" + T).with(token("bob", "auditor")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.siteId").value("dc1"))
                .andExpect(jsonPath("$.scope.text").value("site=dc1"));
        verifyNoInteractions(queries);

        when(evaluator.holdsOn(anyString(), anySet(), any(Scope.class), any())).thenReturn(true);
        when(queries.siteAt(anyString(), any(), anySet(), any(), any(), anyInt()))
                .thenReturn(new PointInTimeQueries.Listing(Optional.empty(), List.of()));
        mvc.perform(get("/api/audit/snapshot/sites/dc9?at=" + T).with(token("ann", "auditor")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("Unknown site 'dc9'")));
        when(versions.first("dc1")).thenReturn(Optional.of(DC1));
        mvc.perform(get("/api/audit/snapshot/sites/dc1?at=2020-01-01T00:00:00Z").with(token("ann", "auditor")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("The site 'dc1' did not exist at")));
    }

    @Test
    void aProjectNeedsAuditReadOnTheProjectAndListsItsResources() throws Exception {
        when(evaluator.holdsOn(eq("ann"), eq(Set.of(Permissions.AUDIT_READ)),
                eq(new Scope(null, null, "tenders", null, null)), any())).thenReturn(true);
        when(queries.projectAt(eq("tenders"), eq(AT), anySet(), isNull(), eq(50)))
                .thenReturn(new PointInTimeQueries.Listing(Optional.of(TENDERS), List.of(WEB_1)));

        mvc.perform(get("/api/audit/snapshot/projects/tenders?at=" + T).with(token("ann", "platform-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.project.id").value("tenders"))
                .andExpect(jsonPath("$.items[0].attributes.environment").value("PROD"))
                .andExpect(jsonPath("$.limit").value(50))
                .andExpect(jsonPath("$.next").isEmpty());
        verify(queries).projectAt("tenders", AT, Set.copyOf(PointInTimeQueries.PROJECT_TYPES), null, 50);

        mvc.perform(get("/api/audit/snapshot/projects/tenders?at=" + T).with(token("bob", "auditor")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.scope.project").value("tenders"));
    }

    @Test
    void aFutureInstantIsAnsweredWithTheCurrentState() throws Exception {
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        when(versions.at("web-1", future)).thenReturn(Optional.of(WEB_1));
        holdsAuditReadOn("ann", WEB_1_THEN);

        mvc.perform(get("/api/audit/snapshot/resources/web-1?at=2999-01-01T00:00:00Z").with(token("ann", "auditor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value("2999-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "/api/audit/snapshot/resources/web-1; at",
            "/api/audit/snapshot/resources/web-1?at=; at",
            "/api/audit/snapshot/resources/web-1?at=yesterday; at",
            "/api/audit/snapshot/resources/web-1?at=2026-03-01; at",
            "/api/audit/snapshot/resources/web-1?at=2026-03-01T10:00:00Z&minPosition=-1; minPosition",
            "/api/audit/snapshot/sites/dc1; at",
            "/api/audit/snapshot/sites/dc1?at=2026-13-01T00:00:00Z; at",
            "/api/audit/snapshot/sites/dc1?at=2026-03-01T10:00:00Z&type=campaign; type",
            "/api/audit/snapshot/sites/dc1?at=2026-03-01T10:00:00Z&state=running; state",
            "/api/audit/snapshot/sites/dc1?at=2026-03-01T10:00:00Z&limit=0; limit",
            "/api/audit/snapshot/sites/dc1?at=2026-03-01T10:00:00Z&limit=501; limit",
            "/api/audit/snapshot/sites/dc1?at=2026-03-01T10:00:00Z&limit=x; limit",
            "/api/audit/snapshot/projects/tenders?at=2026-03-01T10:00:00Z&type=host; type",
            "/api/audit/snapshot/projects/tenders?at=x; at",
    })
    void badParametersAre400NamingTheParameterBeforeAnythingIsRead(String path, String parameter) throws Exception {
        mvc.perform(get(path).with(token("ann", "auditor")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
        verifyNoInteractions(versions, queries, evaluator, listings);
    }

    @Test
    void aPositionNotYetAppliedIs503BeforeAnythingIsRead() throws Exception {
        when(progress.awaitApplied(anyLong(), any(Duration.class))).thenReturn(false);

        mvc.perform(get("/api/audit/snapshot/sites/dc1?at=" + T + "&minPosition=42").with(token("ann", "auditor")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.minPosition").value(42));
        verifyNoInteractions(versions, queries, evaluator);
    }
}
