package dev.twinledger.queryside.inventory;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.capacity.AlertView;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.migration.MigrationView;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.SortOrder;
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
@WebMvcTest(controllers = {VmController.class, HostController.class, SiteController.class, ProjectController.class,
        VolumeController.class})
@Import({SecurityConfiguration.class, ReadYourWrites.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class InventoryApiTest {

    private static final Instant PROVISIONED = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final VmView VM = new VmView("vm-1", "web-1", "dc1", Platform.OPENSTACK, "dc1-h1", "tenders",
            Environment.PROD, 2, 4096, VmState.ACTIVE, "os-uuid-1", Map.of("tier", "web"), null, List.of("vol-1"),
            PROVISIONED, null);
    private static final HostView HOST = new HostView("dc1-h1", "dc1", Platform.OPENSTACK, "hv-01", 64, 524_288,
            8_192, 1.5, 774_144, 4_096, 770_048, 0.53, false, "2023.1", HostState.ACTIVE, PROVISIONED, PROVISIONED,
            null);
    private static final SiteView SITE = new SiteView("dc1", "Primary", Platform.OPENSTACK, PROVISIONED);
    private static final ProjectView PROJECT = new ProjectView("tenders", "Tenders", "the portal", PROVISIONED);
    private static final VolumeView VOLUME = new VolumeView("vol-1", "data", "dc1", "tenders", 100,
            VolumeState.IN_USE, "vm-1", PROVISIONED, null);
    private static final MigrationView MIGRATION = new MigrationView("m-1", "vm-1", MigrationKind.HOST_TO_HOST,
            MigrationState.COMPLETED, "dc1", "dc1-h2", Platform.OPENSTACK, "dc1", "dc1-h1", Platform.OPENSTACK, 4096,
            "os-uuid-1", "os-uuid-1", null, null, PROVISIONED, PROVISIONED, PROVISIONED, 17);
    private static final AlertView ALERT = new AlertView("dc1-h1:1", "dc1-h1", "dc1", AlertSeverity.WARNING, "OPEN",
            80.0, 420_000, 774_144, 81.3, PROVISIONED, 12, null, null, null, null, null);

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
        verify(queries).findVms(new VmFilter(null, null, null, null, null, null, Map.of(), SortOrder.BY_ID, 0, 50));
    }

    @Test
    void theNewVmFieldsAreInTheAnswer() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(VM), 0, 50, 1));

        mvc.perform(get("/api/vms").with(token("viewer")))
                .andExpect(jsonPath("$.items[0].platform").value("OPENSTACK"))
                .andExpect(jsonPath("$.items[0].platformId").value("os-uuid-1"))
                .andExpect(jsonPath("$.items[0].tags.tier").value("web"))
                .andExpect(jsonPath("$.items[0].currentMigrationId").value(nullValue()))
                .andExpect(jsonPath("$.items[0].volumeIds[0]").value("vol-1"));
    }

    @Test
    void everyFilterSortAndThePageReachTheQuery() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 2, 10, 0));

        mvc.perform(get("/api/vms?site=dc1&platform=VMWARE&project=tenders&environment=STAGING&state=SHUTOFF"
                        + "&host=dc1-h1&tag=tier=web&tag=owner=a=b&sort=-memoryMib&page=2&size=10")
                        .with(token("viewer")))
                .andExpect(status().isOk());

        verify(queries).findVms(new VmFilter("dc1", Platform.VMWARE, "tenders", Environment.STAGING, VmState.SHUTOFF,
                "dc1-h1", Map.of("tier", "web", "owner", "a=b"), new SortOrder("memoryMib", true), 2, 10));
    }

    @ParameterizedTest
    @CsvSource({"name, name, false", "-provisionedAt, provisionedAt, true", "id, id, false", "-id, id, true"})
    void eachSortFieldReachesTheQuery(String sort, String field, boolean descending) throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        mvc.perform(get("/api/vms?sort=" + sort).with(token("viewer"))).andExpect(status().isOk());

        verify(queries).findVms(new VmFilter(null, null, null, null, null, null, Map.of(),
                new SortOrder(field, descending), 0, 50));
    }

    @Test
    void emptyFiltersMeanNoFilter() throws Exception {
        when(queries.findVms(any())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        mvc.perform(get("/api/vms?site=&project=&host=&state=&platform=&tag=&sort=").with(token("viewer")))
                .andExpect(status().isOk());

        verify(queries).findVms(new VmFilter(null, null, null, null, null, null, Map.of(), SortOrder.BY_ID, 0, 50));
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
    @ValueSource(strings = {"/api/vms", "/api/vms/vm-1", "/api/hosts", "/api/hosts/h", "/api/sites", "/api/sites/s",
            "/api/projects", "/api/projects/p", "/api/volumes", "/api/volumes/v"})
    void withoutATokenEveryEndpointAnswers401(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(queries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/vms", "/api/vms/vm-1", "/api/hosts", "/api/hosts/h", "/api/sites", "/api/sites/s",
            "/api/projects", "/api/projects/p", "/api/volumes", "/api/volumes/v"})
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
            "/api/vms?platform=HYPERV, platform",
            "/api/vms?sort=memory, sort",
            "/api/vms?sort=--name, sort",
            "/api/vms?sort=state, sort",
            "/api/vms?tag=tier, tag",
            "/api/vms?tag=tier=web&tag==web, tag",
            "/api/vms?environment=production, environment",
            "/api/vms?page=-1, page",
            "/api/vms?page=abc, page",
            "/api/vms?size=0, size",
            "/api/vms?size=1000, size",
            "/api/vms?minPosition=-1, minPosition",
            "/api/vms?minPosition=soon, minPosition",
            "/api/vms/vm-1?minPosition=-5, minPosition",
            "/api/hosts?state=BROKEN, state",
            "/api/hosts?platform=xen, platform",
            "/api/hosts?temporary=maybe, temporary",
            "/api/hosts?sort=cpuCores, sort",
            "/api/hosts?size=501, size",
            "/api/hosts/h?minPosition=-1, minPosition",
            "/api/sites?page=-3, page",
            "/api/sites/s?minPosition=-1, minPosition",
            "/api/projects?size=0, size",
            "/api/projects/p?minPosition=-1, minPosition",
            "/api/volumes?state=ATTACHED, state",
            "/api/volumes?page=-1, page",
            "/api/volumes/v?minPosition=x, minPosition",
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
    void oneVmWithItsRelationsOr404() throws Exception {
        when(queries.findVmDetail("vm-1")).thenReturn(Optional.of(new VmDetailView(VM, HOST, SITE, PROJECT,
                List.of(VOLUME), List.of(MIGRATION))));
        when(queries.findVmDetail("nope")).thenReturn(Optional.empty());

        mvc.perform(get("/api/vms/vm-1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("vm-1"))
                .andExpect(jsonPath("$.name").value("web-1"))
                .andExpect(jsonPath("$.vcpus").value(2))
                .andExpect(jsonPath("$.project").value("tenders"))
                .andExpect(jsonPath("$.vm").doesNotExist())
                .andExpect(jsonPath("$.host.id").value("dc1-h1"))
                .andExpect(jsonPath("$.host.freeMib").value(770_048))
                .andExpect(jsonPath("$.site.platform").value("OPENSTACK"))
                .andExpect(jsonPath("$.projectDetail.name").value("Tenders"))
                .andExpect(jsonPath("$.volumes[0].id").value("vol-1"))
                .andExpect(jsonPath("$.volumes[0].state").value("IN_USE"))
                .andExpect(jsonPath("$.migrations[0].id").value("m-1"))
                .andExpect(jsonPath("$.migrations[0].state").value("COMPLETED"));
        mvc.perform(get("/api/vms/nope").with(token("viewer")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("nope")));
    }

    @Test
    void unknownHostSiteProjectAndVolumeAre404() throws Exception {
        when(queries.findHostDetail(anyString())).thenReturn(Optional.empty());
        when(queries.findSite(anyString())).thenReturn(Optional.empty());
        when(queries.findProject(anyString())).thenReturn(Optional.empty());
        when(queries.findVolume(anyString())).thenReturn(Optional.empty());

        for (String path : List.of("/api/hosts/ghost", "/api/sites/ghost", "/api/projects/ghost",
                "/api/volumes/ghost")) {
            mvc.perform(get(path).with(token("viewer")))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail", containsString("ghost")));
        }
    }

    @Test
    void hostsAreFilteredSortedAndFoundWithCapacityVmCountAndAlert() throws Exception {
        when(queries.findHosts(any())).thenReturn(PageView.of(List.of(HOST), 1, 5, 6));
        when(queries.findHostDetail("dc1-h1")).thenReturn(Optional.of(new HostDetailView(HOST, 3, ALERT)));

        mvc.perform(get("/api/hosts?site=dc1&platform=OPENSTACK&state=MAINTENANCE&temporary=true&sort=-freeMib"
                        + "&page=1&size=5").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].cpuCores").value(64))
                .andExpect(jsonPath("$.items[0].capacityMib").value(774_144))
                .andExpect(jsonPath("$.items[0].overcommitRatio").value(1.5))
                .andExpect(jsonPath("$.items[0].softwareVersion").value("2023.1"))
                .andExpect(jsonPath("$.totalPages").value(2));
        verify(queries).findHosts(new HostFilter("dc1", Platform.OPENSTACK, HostState.MAINTENANCE, true,
                new SortOrder("freeMib", true), 1, 5));
        mvc.perform(get("/api/hosts/dc1-h1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.siteId").value("dc1"))
                .andExpect(jsonPath("$.allocatedMib").value(4_096))
                .andExpect(jsonPath("$.vmCount").value(3))
                .andExpect(jsonPath("$.openAlert.severity").value("WARNING"))
                .andExpect(jsonPath("$.openAlert.clearedAt").value(nullValue()));
    }

    @Test
    void projectsAndVolumesAreListedAndFound() throws Exception {
        when(queries.findProjects(anyInt(), anyInt())).thenReturn(PageView.of(List.of(PROJECT), 0, 50, 1));
        when(queries.findProject("tenders")).thenReturn(Optional.of(PROJECT));
        when(queries.findVolumes(any())).thenReturn(PageView.of(List.of(VOLUME), 0, 50, 1));
        when(queries.findVolume("vol-1")).thenReturn(Optional.of(VOLUME));

        mvc.perform(get("/api/projects").with(token("viewer")))
                .andExpect(jsonPath("$.items[0].description").value("the portal"));
        mvc.perform(get("/api/projects/tenders").with(token("viewer"))).andExpect(jsonPath("$.name").value("Tenders"));
        mvc.perform(get("/api/volumes?site=dc1&project=tenders&state=IN_USE&vm=vm-1").with(token("viewer")))
                .andExpect(jsonPath("$.items[0].sizeGib").value(100));
        verify(queries).findVolumes(new VolumeFilter("dc1", "tenders", VolumeState.IN_USE, "vm-1", 0, 50));
        mvc.perform(get("/api/volumes/vol-1").with(token("viewer"))).andExpect(jsonPath("$.vmId").value("vm-1"));
    }

    @Test
    void minPositionWaitsForTheProjectionThenAnswers() throws Exception {
        when(progress.awaitApplied(eq(42L), any())).thenReturn(true);
        when(queries.findVmDetail("vm-1")).thenReturn(Optional.of(new VmDetailView(VM, null, null, null, List.of(),
                List.of())));

        mvc.perform(get("/api/vms/vm-1?minPosition=42").with(token("viewer"))).andExpect(status().isOk());

        verify(progress).awaitApplied(42L, Duration.ofMillis(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/vms?minPosition=77", "/api/vms/vm-1?minPosition=77", "/api/hosts?minPosition=77",
            "/api/hosts/h?minPosition=77", "/api/sites?minPosition=77", "/api/sites/s?minPosition=77",
            "/api/projects?minPosition=77", "/api/projects/p?minPosition=77", "/api/volumes?minPosition=77",
            "/api/volumes/v?minPosition=77"})
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
