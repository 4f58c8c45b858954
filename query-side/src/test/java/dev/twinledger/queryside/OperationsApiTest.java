package dev.twinledger.queryside;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.access.AccessEvaluator;
import dev.twinledger.queryside.access.AccessListings;
import dev.twinledger.queryside.access.QueryAuthorization;
import dev.twinledger.queryside.access.ResourceAttributes;
import dev.twinledger.queryside.audit.AuditAccessLog;
import dev.twinledger.queryside.audit.AuditExport;
import dev.twinledger.queryside.audit.AuditKeys;
import dev.twinledger.queryside.audit.AuditGate;
import dev.twinledger.queryside.audit.AuditQueries;
import dev.twinledger.queryside.audit.AuditScopes;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.campaign.CampaignDetailView;
import dev.twinledger.queryside.campaign.CampaignFailureView;
import dev.twinledger.queryside.campaign.CampaignProgressView;
import dev.twinledger.queryside.campaign.CampaignQueries;
import dev.twinledger.queryside.campaign.CampaignView;
import dev.twinledger.queryside.campaign.HostPhaseView;
import dev.twinledger.queryside.capacity.AlertFilter;
import dev.twinledger.queryside.capacity.AlertView;
import dev.twinledger.queryside.capacity.CapacityQueries;
import dev.twinledger.queryside.capacity.HostCapacityView;
import dev.twinledger.queryside.capacity.SiteCapacityView;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SecurityConfiguration;
import dev.twinledger.queryside.config.SiteProperties;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.history.HistoryEntryView;
import dev.twinledger.queryside.history.HistoryQueries;
import dev.twinledger.queryside.inventory.InventoryQueries;
import dev.twinledger.queryside.migration.MigrationFilter;
import dev.twinledger.queryside.migration.MigrationQueries;
import dev.twinledger.queryside.migration.MigrationView;
import dev.twinledger.queryside.pointintime.PointInTimeQueries;
import dev.twinledger.queryside.storage.ContainerFilter;
import dev.twinledger.queryside.storage.ContainerQueries;
import dev.twinledger.queryside.storage.ContainerView;
import dev.twinledger.queryside.storage.ReplicaView;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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
 * The operations endpoints (capacity, alerts, migrations, campaigns, containers, history) at the REST edge, with the
 * real security chain, validation and problem+json advice; the read model and the projection's progress are mocked.
 */
// Every controller of the service (they are package-private in their features); the inventory's are in
// InventoryApiTest and the access ones in AccessApiTest, their collaborators are mocked here only so that the
// context starts.
@WebMvcTest
@Import({SecurityConfiguration.class, ReadYourWrites.class})
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
@TestPropertySource(properties = "twinledger.query.min-position-timeout=300ms")
class OperationsApiTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final AlertView ALERT = new AlertView("h1:1", "h1", "dc1", AlertSeverity.CRITICAL, "CLEARED", 95.0,
            62_000, 64_000, 96.88, AT, 10, 30_000L, 64_000L, 46.88, AT.plusSeconds(60), 20L);
    private static final MigrationView MIGRATION = new MigrationView("m-1", "vm-1", MigrationKind.CROSS_PLATFORM,
            MigrationState.FAILED, "dc1", "h1", Platform.OPENSTACK, "dc2", "h9", Platform.VMWARE, 4096, null, null,
            "camp-1", "timeout", AT, AT, AT.plusSeconds(30), 41);
    private static final CampaignView CAMPAIGN = new CampaignView("camp-1", "Upgrade 2021", "dc1", "2023.1",
            CampaignState.COMPLETED, null, new CampaignProgressView(2, 1, 1, 5, 4, 1, 1, 0), AT, AT, null, null,
            AT.plusSeconds(3600), AT.plusSeconds(3600));

    @TestConfiguration
    @EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
    static class Properties {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RealmRoleAuthenticationConverter realmRoles;
    @MockitoBean
    InventoryQueries inventory;
    @MockitoBean
    CapacityQueries capacity;
    @MockitoBean
    MigrationQueries migrations;
    @MockitoBean
    CampaignQueries campaigns;
    @MockitoBean
    ContainerQueries containers;
    @MockitoBean
    HistoryQueries history;
    @MockitoBean
    ProjectionProgress progress;
    @MockitoBean
    AccessEvaluator accessEvaluator;
    @MockitoBean
    AccessListings accessListings;
    @MockitoBean
    ResourceAttributes resourceAttributes;
    @MockitoBean
    QueryAuthorization queryAuthorization;
    // The audit endpoints are tested in AuditApiTest; here they only need their collaborators to exist.
    @MockitoBean
    AuditQueries auditQueries;
    @MockitoBean
    AuditScopes auditScopes;
    @MockitoBean
    AuditGate auditGate;
    @MockitoBean
    AuditAccessLog auditAccessLog;
    @MockitoBean
    AuditExport auditExport;
    @MockitoBean
    dev.twinledger.projections.audit.AuditChainVerifier auditChainVerifier;
    @MockitoBean
    AuditKeys auditKeys;
    @MockitoBean
    InventoryVersions inventoryVersions;
    @MockitoBean
    PointInTimeQueries pointInTimeQueries;

    private JwtRequestPostProcessor token(String... roles) {
        return jwt().jwt(j -> j.subject("user-1").claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(j -> realmRoles.convert(j).getAuthorities());
    }

    @Test
    void capacityPerHostAndPerSite() throws Exception {
        when(capacity.hosts(any(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(new HostCapacityView("h1",
                "dc1", "hv1", HostState.ACTIVE, true, 65_536, 2_048, 1.0, 63_488, 20_480, 43_008, 32.26,
                AlertSeverity.WARNING)), 0, 50, 1));
        when(capacity.sites(any(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(new SiteCapacityView("dc1",
                "Primary", Platform.OPENSTACK, 3, 2, 1, 1, 131_072, 2_048, 129_024, 28_672, 100_352, 67_584, 22.22)),
                0, 50, 1));

        mvc.perform(get("/api/capacity/hosts?siteId=dc1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].hostId").value("h1"))
                .andExpect(jsonPath("$.items[0].physicalMib").value(65_536))
                .andExpect(jsonPath("$.items[0].reservedMib").value(2_048))
                .andExpect(jsonPath("$.items[0].capacityMib").value(63_488))
                .andExpect(jsonPath("$.items[0].freeMib").value(43_008))
                .andExpect(jsonPath("$.items[0].openAlert").value("WARNING"))
                .andExpect(jsonPath("$.totalItems").value(1));
        verify(capacity).hosts("dc1", 0, 50);
        mvc.perform(get("/api/capacity/sites").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].siteId").value("dc1"))
                .andExpect(jsonPath("$.items[0].freeOnActiveMib").value(67_584))
                .andExpect(jsonPath("$.items[0].utilizationPercent").value(22.22));
        verify(capacity).sites(null, 0, 50);
    }

    @ParameterizedTest(name = "state={0}")
    @CsvSource(nullValues = "none", value = {"none, OPEN", "'', OPEN", "open, OPEN", "OPEN, OPEN",
            "cleared, CLEARED", "all, none", "All, none"})
    void alertsAreOpenByDefaultAndTheStateParameterIsCaseBlind(String state, String column) throws Exception {
        when(capacity.alerts(any())).thenReturn(PageView.of(List.of(ALERT), 0, 50, 1));

        mvc.perform(get("/api/alerts" + (state == null ? "" : "?state=" + state)).with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("h1:1"));

        verify(capacity).alerts(new AlertFilter(column, null, null, null, 0, 50));
    }

    @Test
    void alertFiltersReachTheQueryAndAnAlertShowsBothMoments() throws Exception {
        when(capacity.alerts(any())).thenReturn(PageView.of(List.of(ALERT), 1, 10, 11));

        mvc.perform(get("/api/alerts?state=cleared&siteId=dc1&hostId=h1&severity=CRITICAL&page=1&size=10")
                        .with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].state").value("CLEARED"))
                .andExpect(jsonPath("$.items[0].raisedAt").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.items[0].raisedPosition").value(10))
                .andExpect(jsonPath("$.items[0].clearedAt").value("2026-03-01T10:01:00Z"))
                .andExpect(jsonPath("$.items[0].clearedPosition").value(20))
                .andExpect(jsonPath("$.totalPages").value(2));
        verify(capacity).alerts(new AlertFilter("CLEARED", "dc1", "h1", AlertSeverity.CRITICAL, 1, 10));
    }

    @Test
    void migrationsAreFilteredAndFound() throws Exception {
        when(migrations.find(any())).thenReturn(PageView.of(List.of(MIGRATION), 0, 50, 1));
        when(migrations.withId("m-1", null)).thenReturn(List.of(MIGRATION));

        mvc.perform(get("/api/migrations?vmId=vm-1&state=FAILED&campaignId=camp-1&kind=CROSS_PLATFORM"
                        + "&sort=-requestedAt").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].reason").value("timeout"))
                .andExpect(jsonPath("$.items[0].targetPlatform").value("VMWARE"));
        verify(migrations).find(new MigrationFilter("vm-1", MigrationState.FAILED, "camp-1",
                MigrationKind.CROSS_PLATFORM, true, 0, 50));
        mvc.perform(get("/api/migrations/m-1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.vmId").value("vm-1"))
                .andExpect(jsonPath("$.finishedAt").value("2026-03-01T10:00:30Z"));
    }

    @Test
    void aMigrationIdUsedByTwoVmsIs409UntilVmIdPicksOne() throws Exception {
        MigrationView other = new MigrationView("m-1", "vm-2", MigrationKind.HOST_TO_HOST, MigrationState.COMPLETED,
                "dc1", "h1", Platform.OPENSTACK, "dc1", "h2", Platform.OPENSTACK, 1024, null, null, null, null, AT,
                null, null, 50);
        when(migrations.withId("m-1", null)).thenReturn(List.of(MIGRATION, other));
        when(migrations.withId("m-1", "vm-2")).thenReturn(List.of(other));
        when(migrations.withId(eq("m-9"), any())).thenReturn(List.of());

        mvc.perform(get("/api/migrations/m-1").with(token("viewer")))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("vm-1, vm-2")));
        mvc.perform(get("/api/migrations/m-1?vmId=vm-2").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.targetHostId").value("h2"));
        mvc.perform(get("/api/migrations/m-9").with(token("viewer")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("m-9")));
    }

    @Test
    void aCampaignShowsProgressPhasesFailuresAndReport() throws Exception {
        when(campaigns.findCampaigns(any(), any(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(CAMPAIGN),
                0, 50, 1));
        when(campaigns.findCampaign("camp-1")).thenReturn(Optional.of(new CampaignDetailView(CAMPAIGN,
                List.of("h2", "h1"), List.of("t1"), 3, 600,
                List.of(new HostPhaseView("h2", CampaignPhase.DONE), new HostPhaseView("h1", CampaignPhase.SKIPPED)),
                List.of(new CampaignFailureView("m-1", "vm-1", "h2", "h2", "t1", 1, "timeout", "m-2", AT)),
                new CampaignReport(4, 4, 1, 1, 0, List.of("h2"), Map.of("h1", "no capacity"), AT,
                        AT.plusSeconds(3600), 3600))));
        when(campaigns.findCampaign("ghost")).thenReturn(Optional.empty());

        mvc.perform(get("/api/campaigns?siteId=dc1&state=COMPLETED").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].progress.hostsDone").value(1));
        verify(campaigns).findCampaigns("dc1", CampaignState.COMPLETED, 0, 50);
        mvc.perform(get("/api/campaigns/camp-1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("camp-1"))
                .andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.progress.migrationsSucceeded").value(4))
                .andExpect(jsonPath("$.hostPhases[0].hostId").value("h2"))
                .andExpect(jsonPath("$.hostPhases[1].phase").value("SKIPPED"))
                .andExpect(jsonPath("$.failures[0].retryMigrationId").value("m-2"))
                .andExpect(jsonPath("$.report.vmsMoved").value(4))
                .andExpect(jsonPath("$.report.hostsSkipped.h1").value("no capacity"))
                .andExpect(jsonPath("$.report.startedAt").value("2026-03-01T10:00:00Z"));
        mvc.perform(get("/api/campaigns/ghost").with(token("viewer"))).andExpect(status().isNotFound());
    }

    @Test
    void containersShowTheirReplicasPerSite() throws Exception {
        ContainerView container = new ContainerView("c-1", "docs", "tenders", List.of("dc1", "dc2"),
                List.of(new ReplicaView("dc1", ReplicaStatus.IN_SYNC, null, AT, AT),
                        new ReplicaView("dc2", ReplicaStatus.LAGGING, "12 objects behind", AT, AT.plusSeconds(5))),
                AT, AT.plusSeconds(5));
        when(containers.findContainers(any())).thenReturn(PageView.of(List.of(container), 0, 50, 1));
        when(containers.findContainer("c-1")).thenReturn(Optional.of(container));
        when(containers.findContainer("ghost")).thenReturn(Optional.empty());

        mvc.perform(get("/api/containers?project=tenders&site=dc2&status=LAGGING").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].replicas[1].status").value("LAGGING"));
        verify(containers).findContainers(new ContainerFilter("tenders", "dc2", ReplicaStatus.LAGGING, 0, 50));
        mvc.perform(get("/api/containers/c-1").with(token("viewer")))
                .andExpect(jsonPath("$.replicaSiteIds[1]").value("dc2"))
                .andExpect(jsonPath("$.replicas[1].detail").value("12 objects behind"))
                .andExpect(jsonPath("$.replicas[1].reportedAt").value("2026-03-01T10:00:05Z"));
        mvc.perform(get("/api/containers/ghost").with(token("viewer"))).andExpect(status().isNotFound());
    }

    @Test
    void aResourcesHistoryIsPagedAndAnUnknownIdIs404() throws Exception {
        HistoryEntryView entry = new HistoryEntryView(7, "vm-1", "VirtualMachine", 2L, "MigrationCompleted",
                "dev.twinledger.api.migration.MigrationCompleted", "ev-7", AT, "sub", "operator", "dc1", "corr-1",
                "cmd-1", "upgrade", "CHG-1", JsonNodeFactory.instance.objectNode().put("targetHostId", "h9"));
        when(history.history(eq("vm-1"), anyInt(), anyInt())).thenReturn(PageView.of(List.of(entry), 1, 1, 3));
        when(history.history(eq("ghost"), anyInt(), anyInt())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        mvc.perform(get("/api/resources/vm-1/history?page=1&size=1").with(token("viewer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].position").value(7))
                .andExpect(jsonPath("$.items[0].event").value("MigrationCompleted"))
                .andExpect(jsonPath("$.items[0].actorUsername").value("operator"))
                .andExpect(jsonPath("$.items[0].ticket").value("CHG-1"))
                .andExpect(jsonPath("$.items[0].payload.targetHostId").value("h9"))
                .andExpect(jsonPath("$.totalItems").value(3));
        verify(history).history("vm-1", 1, 1);
        mvc.perform(get("/api/resources/ghost/history").with(token("viewer")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("ghost")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/capacity/hosts?size=0, size",
            "/api/capacity/hosts?minPosition=-1, minPosition",
            "/api/capacity/sites?page=-1, page",
            "/api/alerts?state=closed, state",
            "/api/alerts?severity=MINOR, severity",
            "/api/alerts?size=501, size",
            "/api/migrations?state=DONE, state",
            "/api/migrations?kind=LIVE, kind",
            "/api/migrations?sort=vmId, sort",
            "/api/migrations/m-1?minPosition=x, minPosition",
            "/api/campaigns?state=STOPPED, state",
            "/api/campaigns/c?minPosition=-2, minPosition",
            "/api/containers?status=STALE, status",
            "/api/containers/c?minPosition=-1, minPosition",
            "/api/resources/vm-1/history?page=-1, page",
            "/api/resources/vm-1/history?size=0, size",
    })
    void badParametersAre400NamingTheParameter(String path, String parameter) throws Exception {
        mvc.perform(get(path).with(token("viewer")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
        verifyNoInteractions(capacity, migrations, campaigns, containers, history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/capacity/hosts", "/api/capacity/sites", "/api/alerts", "/api/migrations",
            "/api/migrations/m", "/api/campaigns", "/api/campaigns/c", "/api/containers", "/api/containers/c",
            "/api/resources/r/history"})
    void everyEndpointNeedsTheViewerRole(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(get(path).with(token("uma_authorization")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail", containsString("viewer")));
        verifyNoInteractions(capacity, migrations, campaigns, containers, history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/capacity/hosts", "/api/capacity/sites", "/api/alerts", "/api/migrations",
            "/api/migrations/m", "/api/campaigns", "/api/campaigns/c", "/api/containers", "/api/containers/c",
            "/api/resources/r/history"})
    void everyEndpointWaitsForMinPositionAndAnswers503WhenNotReached(String path) throws Exception {
        when(progress.awaitApplied(anyLong(), any())).thenReturn(false);

        mvc.perform(get(path + "?minPosition=77").with(token("viewer")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.minPosition").value(77));
        verify(progress).awaitApplied(eq(77L), any());
        verifyNoInteractions(capacity, migrations, campaigns, containers, history);
    }

    @Test
    void anOpenAlertHasNoClearingMoment() throws Exception {
        AlertView open = new AlertView("h2:1", "h2", "dc1", AlertSeverity.WARNING, "OPEN", 80.0, 52_000, 64_000,
                81.25, AT, 3, null, null, null, null, null);
        when(capacity.alerts(any())).thenReturn(PageView.of(List.of(open), 0, 50, 1));

        mvc.perform(get("/api/alerts").with(token("viewer")))
                .andExpect(jsonPath("$.items[0].clearedAt").value(nullValue()))
                .andExpect(jsonPath("$.items[0].clearedPosition").value(nullValue()));
        verify(capacity).alerts(new AlertFilter("OPEN", null, null, null, 0, 50));
    }

    @Test
    void emptyFiltersMeanNoFilter() throws Exception {
        when(migrations.find(any())).thenReturn(PageView.of(List.of(), 0, 50, 0));
        when(capacity.hosts(isNull(), anyInt(), anyInt())).thenReturn(PageView.of(List.of(), 0, 50, 0));

        mvc.perform(get("/api/migrations?vmId=&campaignId=&state=&kind=&sort=").with(token("viewer")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/capacity/hosts?siteId=").with(token("viewer"))).andExpect(status().isOk());

        verify(migrations).find(new MigrationFilter(null, null, null, null, false, 0, 50));
        verify(capacity).hosts(null, 0, 50);
    }
}
