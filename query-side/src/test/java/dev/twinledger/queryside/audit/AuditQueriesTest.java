package dev.twinledger.queryside.audit;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CanonicalJson;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.support.security.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit queries' SQL on the local PostgreSQL, over audit_log rows sealed into a genuine chain: each filter, their
 * AND, keyset pages in both orders, the seal of sealed and unsealed rows, the access log, and the inventory lookup
 * that decides an audit question's scope.
 */
class AuditQueriesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String INVENTORY = "dev.twinledger.api.inventory.";
    private static final String MIGRATION = "dev.twinledger.api.migration.";
    private static final String ACCESS = "dev.twinledger.api.access.";

    private static TestDatabase database;
    private static AuditQueries queries;
    private static ReadModel readModel;

    @BeforeAll
    static void writeTheLog() {
        database = TestDatabase.createMigrated(AuditQueriesTest.class);
        readModel = new ReadModel(new NamedParameterJdbcTemplate(database.dataSource()));
        queries = new AuditQueries(readModel);
        new AuditLogFixture(database.dataSource())
                .sealed(rec(1, INVENTORY + "SiteRegistered", "Site", "dc1", 0, 0, "platform-admin", "c-1",
                        "{\"siteId\":\"dc1\"}"), List.of("dc1"), List.of("dc1"))
                .sealed(rec(2, INVENTORY + "SiteRegistered", "Site", "dc2", 0, 1, "platform-admin", "c-2",
                        "{\"siteId\":\"dc2\"}"), List.of("dc2"), List.of("dc1", "dc2"))
                .sealed(rec(4, INVENTORY + "VmProvisioned", "VirtualMachine", "vm-1", 0, 10, "alice", "c-3",
                        "{\"vmId\":\"vm-1\",\"siteId\":\"dc1\",\"hostId\":\"dc1-h1\",\"memoryMib\":2048}"),
                        List.of("vm-1", "dc1", "dc1-h1"), List.of("dc1"))
                .sealed(rec(5, MIGRATION + "MigrationRequested", "VirtualMachine", "vm-1", 1, 20, "bob", "c-4",
                        "{\"vmId\":\"vm-1\",\"sourceSiteId\":\"dc1\",\"targetSiteId\":\"dc2\"}"),
                        List.of("vm-1", "dc1-h1", "dc2-h1", "dc1", "dc2"), List.of("dc1", "dc2"))
                .sealed(rec(7, MIGRATION + "MigrationCompleted", "VirtualMachine", "vm-1", 2, 30, "bob", "c-4",
                        "{\"vmId\":\"vm-1\",\"sourceSiteId\":\"dc1\",\"targetSiteId\":\"dc2\"}"),
                        List.of("vm-1", "dc1-h1", "dc2-h1", "dc1", "dc2"), List.of("dc1", "dc2"))
                .sealed(rec(8, INVENTORY + "VmProvisioned", "VirtualMachine", "vm-2", 0, 40, "alice", "c-5",
                        "{\"vmId\":\"vm-2\",\"siteId\":\"dc1\"}"), List.of("vm-2", "dc1"), List.of("dc1"))
                .sealed(new AuditRecord(9, "event-9", ACCESS + "AccessDenied", null, null, -1, T0.plusSeconds(50),
                        "sub-mallory", "mallory", "dc2", "c-6", null, null, null,
                        CanonicalJson.parse("{\"resourceId\":\"vm-1\",\"ratio\":1.50}")),
                        List.of("vm-1"), List.of("dc2"))
                .sealed(rec(11, INVENTORY + "VmDecommissioned", "VirtualMachine", "vm-1", 3, 60, "alice", "c-7",
                        "{\"vmId\":\"vm-1\",\"siteId\":\"dc2\"}"), List.of("vm-1", "dc2"), List.of("dc2"))
                .sealed(rec(12, ACCESS + "GrantRevoked", "AccessDirectory", "access-directory", 4, 70, "access-admin",
                        "c-8", "{\"grantId\":\"g-1\"}"), List.of("access-directory", "g-1"), List.of("dc1"))
                .unsealed(rec(14, INVENTORY + "VmProvisioned", "VirtualMachine", "vm-3", 0, 80, "alice", "c-9",
                        "{\"vmId\":\"vm-3\"}"), List.of("vm-3"), List.of("dc2"))
                .flush();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.update("INSERT INTO sites (id, name, platform, registered_at, last_position) VALUES"
                + " ('dc2', 'Data centre 2', 'VMWARE', now(), 2)");
        jdbc.update("INSERT INTO hosts (id, site_id, name, cpu_cores, memory_mib, state, registered_at, last_position)"
                + " VALUES ('dc2-h1', 'dc2', 'h', 64, 65536, 'ACTIVE', now(), 3)");
        jdbc.update("INSERT INTO vms (id, name, site_id, host_id, project, environment, vcpus, memory_mib, state,"
                + " provisioned_at, last_position) VALUES ('vm-1', 'web', 'dc2', 'dc2-h1', 'tenders', 'PROD', 2, 2048,"
                + " 'DECOMMISSIONED', now(), 11)");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private static AuditRecord rec(long position, String type, String aggregateType, String aggregateId,
                                   long sequence, long second, String actor, String correlation, String payload) {
        return AuditLogFixture.record(position, type, aggregateType, aggregateId, sequence, T0.plusSeconds(second),
                actor, "dc1", correlation, payload);
    }

    private static List<Long> positions(AuditFilter filter) {
        return queries.entries(filter, new AuditPaging(null, 500, false)).items().stream()
                .map(AuditEntryView::position).toList();
    }

    private static AuditFilter filter(String resource, String actor, String type, String site) {
        return new AuditFilter(resource, actor, type, site, null, null, null);
    }

    @Test
    void aVmsHistoryHoldsItsMigrationsTheAttemptsOnItAndItsDecommissionOldestFirst() {
        assertThat(positions(filter("vm-1", null, null, null))).containsExactly(4L, 5L, 7L, 9L, 11L);
        assertThat(positions(filter("dc2-h1", null, null, null))).containsExactly(5L, 7L);
    }

    @Test
    void anActorIsFoundByUsernameOrSubject() {
        assertThat(positions(filter(null, "bob", null, null))).containsExactly(5L, 7L);
        assertThat(positions(filter(null, "sub-bob", null, null))).containsExactly(5L, 7L);
        assertThat(positions(filter(null, "nobody", null, null))).isEmpty();
    }

    @Test
    void aTypeIsTheSimpleEventName() {
        assertThat(positions(filter(null, null, "VmProvisioned", null))).containsExactly(4L, 8L, 14L);
        assertThat(positions(filter(null, null, "AccessDenied", null))).containsExactly(9L);
    }

    @Test
    void aSiteFindsEveryEntryNamingIt() {
        assertThat(positions(filter(null, null, null, "dc2"))).containsExactly(2L, 5L, 7L, 9L, 11L, 14L);
    }

    @Test
    void aTimeRangeIsHalfOpen() {
        AuditFilter range = new AuditFilter(null, null, null, null, T0.plusSeconds(20), T0.plusSeconds(50), null);

        assertThat(positions(range)).containsExactly(5L, 7L, 8L);
    }

    @Test
    void aCorrelationIdGivesOneRequestsStory() {
        assertThat(positions(AuditFilter.ofCorrelation("c-4"))).containsExactly(5L, 7L);
    }

    @Test
    void filtersCombineWithAnd() {
        assertThat(positions(filter("vm-1", "alice", null, null))).containsExactly(4L, 11L);
        assertThat(positions(filter("vm-1", "alice", "VmDecommissioned", "dc2"))).containsExactly(11L);
        assertThat(positions(new AuditFilter("vm-1", null, null, "dc1", T0.plusSeconds(15), null, "c-4")))
                .containsExactly(5L, 7L);
    }

    @Test
    void keysetPagesAreDisjointCompleteAndSayWhereTheNextStarts() {
        List<Long> ascending = new ArrayList<>();
        Long after = null;
        int pages = 0;
        do {
            AuditPage<AuditEntryView> page = queries.entries(AuditFilter.ALL, new AuditPaging(after, 4, false));
            page.items().forEach(e -> ascending.add(e.position()));
            assertThat(page.order()).isEqualTo("asc");
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(ascending).containsExactly(1L, 2L, 4L, 5L, 7L, 8L, 9L, 11L, 12L, 14L);
        assertThat(pages).isEqualTo(3);
        AuditPage<AuditEntryView> newest = queries.entries(AuditFilter.ALL, new AuditPaging(null, 3, true));
        assertThat(newest.items()).extracting(AuditEntryView::position).containsExactly(14L, 12L, 11L);
        assertThat(newest.next()).isEqualTo(11L);
        assertThat(queries.entries(AuditFilter.ALL, new AuditPaging(11L, 3, true)).items())
                .extracting(AuditEntryView::position).containsExactly(9L, 8L, 7L);
        AuditPage<AuditEntryView> exact = queries.entries(filter("vm-1", null, null, null),
                new AuditPaging(null, 5, false));
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.next()).as("a full last page has no next").isNull();
    }

    @Test
    void anEntryCarriesItsFactsPayloadAndSeal() {
        AuditEntryView denied = queries.entry(9).orElseThrow();

        assertThat(denied.type()).isEqualTo("AccessDenied");
        assertThat(denied.eventType()).isEqualTo(ACCESS + "AccessDenied");
        assertThat(denied.aggregateId()).isNull();
        assertThat(denied.sequence()).isNull();
        assertThat(denied.actor()).isEqualTo(new AuditEntryView.ActorView("sub-mallory", "mallory"));
        assertThat(denied.handlingSite()).isEqualTo("dc2");
        assertThat(denied.payload().get("ratio").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(denied.payload().get("ratio").toString()).isEqualTo("1.50");
        assertThat(denied.resources()).containsExactly("vm-1");
        assertThat(denied.sealed()).isTrue();
        assertThat(denied.chainIndex()).isEqualTo(6L);
        assertThat(denied.chainHash()).isEqualTo(AuditHashes.chainHash(denied.previousHash(),
                denied.contentDigest()));
        assertThat(denied.previousHash()).isEqualTo(queries.entry(8).orElseThrow().chainHash());

        AuditEntryView provisioned = queries.entry(4).orElseThrow();
        assertThat(provisioned.sequence()).isZero();
        assertThat(provisioned.occurredAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(provisioned.correlationId()).isEqualTo("c-3");
        assertThat(provisioned.causationId()).isEqualTo("cause-4");

        AuditEntryView unsealed = queries.entry(14).orElseThrow();
        assertThat(unsealed.sealed()).isFalse();
        assertThat(unsealed.chainIndex()).isNull();
        assertThat(unsealed.contentDigest()).isNull();
        assertThat(unsealed.chainHash()).isNull();
        assertThat(queries.entry(3)).isEmpty();
    }

    @Test
    void theAccessLogKeepsEveryReadNewestFirstAndFiltersByCaller() {
        AuditAccessLog log = new AuditAccessLog(readModel);
        log.record(new AuditRequest(new Caller("sub-aud", "auditor"), "GET /api/audit/events?resource=vm-1",
                "corr-a"), AuditAccessLog.ALLOWED, "resource=vm/vm-1", "5 entries");
        log.record(new AuditRequest(new Caller("sub-view", "viewer"), "GET /api/audit/events", null),
                AuditAccessLog.DENIED, null, "This requires the realm role 'auditor'");
        log.record(new AuditRequest(new Caller("sub-aud", "auditor"), "GET /api/audit/export?format=csv", "corr-b"),
                AuditAccessLog.ALLOWED, "everywhere", "x".repeat(3_000));

        AuditPage<AccessLogEntryView> auditor = queries.accessLog("auditor", new AuditPaging(null, 10, true));
        assertThat(auditor.items()).extracting(AccessLogEntryView::request)
                .containsExactly("GET /api/audit/export?format=csv", "GET /api/audit/events?resource=vm-1");
        AccessLogEntryView first = auditor.items().get(1);
        assertThat(first.caller()).isEqualTo(new AuditEntryView.ActorView("sub-aud", "auditor"));
        assertThat(first.outcome()).isEqualTo("allowed");
        assertThat(first.scope()).isEqualTo("resource=vm/vm-1");
        assertThat(first.detail()).isEqualTo("5 entries");
        assertThat(first.correlationId()).isEqualTo("corr-a");
        assertThat(first.accessedAt()).isNotNull();
        assertThat(auditor.items().get(0).detail()).hasSize(2_000).endsWith("...");
        assertThat(queries.accessLog("sub-view", new AuditPaging(null, 10, true)).items())
                .extracting(AccessLogEntryView::outcome).containsExactly("denied");
        assertThat(queries.accessLog(null, new AuditPaging(null, 2, false)).next()).isNotNull();
    }

    @Test
    void aLostAccessLogRowDoesNotFailTheRequest() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:5432/" + database.name() + "_missing");
        nowhere.setUser(database.user());
        AuditAccessLog log = new AuditAccessLog(new ReadModel(new NamedParameterJdbcTemplate(nowhere)));

        log.record(new AuditRequest(new Caller("s", "u"), "GET /api/audit/events", null), AuditAccessLog.ALLOWED,
                null, "1 entry");
    }

    @Test
    void theInventoryPlacesAResourceOfAnyKind() {
        InventoryResourceLocator locator = new InventoryResourceLocator(readModel);

        assertThat(locator.locate("vm-1")).contains(ResourceRef.vm("vm-1", "dc2", Environment.PROD, "tenders"));
        assertThat(locator.locate("dc2-h1")).contains(ResourceRef.host("dc2-h1", "dc2"));
        assertThat(locator.locate("dc2")).contains(ResourceRef.site("dc2"));
        assertThat(locator.locate("vm-3")).isEmpty();
    }
}
