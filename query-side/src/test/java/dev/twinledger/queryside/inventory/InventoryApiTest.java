package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.FindHosts;
import dev.twinledger.api.inventory.FindVms;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.PageView;
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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
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
 * The REST edge with the real security chain, role mapping, validation and problem+json advice; the read model and
 * the projection's progress are mocked.
 */
@WebMvcTest(controllers = {VmController.class, HostController.class, SiteController.class})
@Import({SecurityConfiguration.class, ReadYourWrites.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class InventoryApiTest {

    private static final Instant PROVISIONED = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final VmView VM = new VmView("vm-1", "web-1", "dc1", "dc1-h1", "tenders", Environment.PROD, 2,
            4096, VmState.ACTIVE, PROVISIONED, null);
    private static final HostView HOST = new HostView("dc1-h1", "dc1", "hv-01", 64, 524_288, HostState.ACTIVE,
            PROVISIONED);
    private static final SiteView SITE = new SiteView("dc1", "Primary", Platform.OPENSTACK, PROVISIONED);

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @MockitoBean
    InventoryQueries queries;
    @MockitoBean
    ProjectionProgress progress;

    /** A validated token as Keycloak issues it: realm roles in realm_access.roles, mapped by the real converter. */
    private JwtRequestPostProcessor token(String... roles) {
        return jwt().jwt(j -> j.subject("user-1").claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    @Test
    void viewerListsVmsAsAPage() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(VM), 0, 50, 1));

        mvc.perform(get("/api/vms").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.items[0].id").value("vm-1"))
                .andExpect(jsonPath("$.items[0].siteId").value("dc1"))
                .andExpect(jsonPath("$.items[0].hostId").value("dc1-h1"))
                .andExpect(jsonPath("$.items[0].environment").value("PROD"))
                .andExpect(jsonPath("$.items[0].memoryMib").value(4096))
                .andExpect(jsonPath("$.items[0].state").value("ACTIVE"))
                .andExpect(jsonPath("$.items[0].provisionedAt").value("2026-03-01T10:15:30.123456Z"))
                .andExpect(jsonPath("$.items[0].decommissionedAt").value(nullValue()))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.totalPages").value(1));
        verify(queries).findVms(new FindVms(null, null, null, null, null, 0, 50));
    }

    @Test
    void everyFilterAndThePageReachTheQuery() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 2, 10, 0));

        mvc.perform(get("/api/vms?site=dc1&project=tenders&environment=STAGING&state=DECOMMISSIONED&host=dc1-h1"
                        + "&page=2&size=10").with(token("viewer")))
                .andExpect(status().isOk());

        verify(queries).findVms(new FindVms("dc1", "tenders", Environment.STAGING, VmState.DECOMMISSIONED, "dc1-h1",
                2, 10));
    }

    @Test
    void emptyFiltersMeanNoFilter() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        mvc.perform(get("/api/vms?site=&project=&host=&state=").with(token("viewer"))).andExpect(status().isOk());

        verify(queries).findVms(new FindVms(null, null, null, null, null, 0, 50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "platform-admin", "auditor", "access-admin"})
    void rolesAboveViewerMayRead(String role) throws Exception {
        when(queries.findSites(anyInt(), anyInt())).thenReturn(PageView.of(List.of(SITE), 0, 50, 1));

        mvc.perform(get("/api/sites").with(token(role)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].platform").value("OPENSTACK"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/vms", "/api/vms/vm-1", "/api/hosts", "/api/hosts/h", "/api/sites", "/api/sites/s"})
    void withoutATokenEveryEndpointAnswers401(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(queries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/vms", "/api/vms/vm-1", "/api/hosts", "/api/hosts/h", "/api/sites", "/api/sites/s"})
    void aTokenWithoutRolesIsForbidden(String path) throws Exception {
        mvc.perform(get(path).with(token()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("viewer")));
        verifyNoInteractions(queries);
    }

    @Test
    void anUnrelatedRoleIsForbidden() throws Exception {
        mvc.perform(get("/api/vms").with(token("offline_access", "uma_authorization")))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/vms?state=RUNNING, state",
            "/api/vms?environment=production, environment",
            "/api/vms?page=-1, page",
            "/api/vms?page=abc, page",
            "/api/vms?size=0, size",
            "/api/vms?size=1000, size",
            "/api/vms?minPosition=-1, minPosition",
            "/api/vms?minPosition=soon, minPosition",
            "/api/vms/vm-1?minPosition=-5, minPosition",
            "/api/hosts?state=BROKEN, state",
            "/api/hosts?size=501, size",
            "/api/hosts/h?minPosition=-1, minPosition",
            "/api/sites?page=-3, page",
            "/api/sites/s?minPosition=-1, minPosition",
    })
    void badParametersAre400NamingTheParameter(String path, String parameter) throws Exception {
        mvc.perform(get(path).with(token("viewer")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
        verifyNoInteractions(queries);
    }

    @Test
    void anUnknownEnumValueIsExplainedWithTheAllowedValues() throws Exception {
        mvc.perform(get("/api/vms?environment=production").with(token("viewer")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason", containsString("PROD")));
    }

    @Test
    void pageSizeBoundsAreAccepted() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 0, 1, 0));

        mvc.perform(get("/api/vms?size=1").with(token("viewer"))).andExpect(status().isOk());
        mvc.perform(get("/api/vms?size=500").with(token("viewer"))).andExpect(status().isOk());
    }

    @Test
    void oneVmByIdOr404() throws Exception {
        when(queries.findVm("vm-1")).thenReturn(Optional.of(VM));
        when(queries.findVm("nope")).thenReturn(Optional.empty());

        mvc.perform(get("/api/vms/vm-1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("web-1"))
                .andExpect(jsonPath("$.vcpus").value(2));
        mvc.perform(get("/api/vms/nope").with(token("viewer")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("nope")));
    }

    @Test
    void unknownHostAndSiteAre404() throws Exception {
        when(queries.findHost(anyString())).thenReturn(Optional.empty());
        when(queries.findSite(anyString())).thenReturn(Optional.empty());

        mvc.perform(get("/api/hosts/ghost").with(token("viewer"))).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/sites/ghost").with(token("viewer"))).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void hostsAreFilteredAndFound() throws Exception {
        when(queries.findHosts(any())).thenReturn(PageView.of(List.of(HOST), 1, 5, 6));
        when(queries.findHost("dc1-h1")).thenReturn(Optional.of(HOST));

        mvc.perform(get("/api/hosts?site=dc1&state=MAINTENANCE&page=1&size=5").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].cpuCores").value(64))
                .andExpect(jsonPath("$.totalPages").value(2));
        verify(queries).findHosts(new FindHosts("dc1", HostState.MAINTENANCE, 1, 5));
        mvc.perform(get("/api/hosts/dc1-h1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.siteId").value("dc1"));
    }

    @Test
    void minPositionWaitsForTheProjectionThenAnswers() throws Exception {
        when(progress.awaitApplied(eq(42L), any())).thenReturn(true);
        when(queries.findVm("vm-1")).thenReturn(Optional.of(VM));

        mvc.perform(get("/api/vms/vm-1?minPosition=42").with(token("viewer"))).andExpect(status().isOk());

        verify(progress).awaitApplied(42L, Duration.ofMillis(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/vms?minPosition=77", "/api/vms/vm-1?minPosition=77", "/api/hosts?minPosition=77",
            "/api/hosts/h?minPosition=77", "/api/sites?minPosition=77", "/api/sites/s?minPosition=77"})
    void minPositionNotReachedInTimeIs503WithRetryAfter(String path) throws Exception {
        when(progress.awaitApplied(anyLong(), any())).thenReturn(false);

        mvc.perform(get(path).with(token("viewer")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Read model not caught up"))
                .andExpect(jsonPath("$.minPosition").value(77))
                .andExpect(jsonPath("$.detail", containsString("position 77")));
        verifyNoInteractions(queries);
    }

    @Test
    void withoutMinPositionNothingWaits() throws Exception {
        when(queries.findSite("dc1")).thenReturn(Optional.of(SITE));

        mvc.perform(get("/api/sites/dc1").with(token("viewer"))).andExpect(status().isOk());

        verify(progress, never()).awaitApplied(anyLong(), any());
    }
}
