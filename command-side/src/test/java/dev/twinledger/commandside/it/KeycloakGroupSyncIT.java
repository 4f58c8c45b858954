package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.commandside.keycloaksync.Directory;
import dev.twinledger.commandside.keycloaksync.DriftKind;
import dev.twinledger.commandside.keycloaksync.DriftView;
import dev.twinledger.commandside.keycloaksync.KeycloakGroupSync;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncMetrics;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncStore;
import dev.twinledger.commandside.keycloaksync.LastRun;
import dev.twinledger.commandside.keycloaksync.RestKeycloakAdmin;
import dev.twinledger.commandside.keycloaksync.SyncRun;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.keycloak.KeycloakServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Keycloak group sync against a real Keycloak with the real realm and a real PostgreSQL with the service's Flyway
 * schema: only the access directory is a test double (built from the api's events). Each test has its own database and
 * its own parent group, so the tests share one Keycloak (it takes 30-60 s to start) without seeing each other's
 * groups. A run is started by calling it, as the db-scheduler task does; changes "by hand" go through the admin API
 * as the realm's bootstrap admin.
 */
class KeycloakGroupSyncIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String SYNC_CLIENT = KeycloakServer.DIRECTORY_SYNC_CLIENT_ID;
    private static final String SYNC_SECRET = KeycloakServer.DIRECTORY_SYNC_CLIENT_SECRET;
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KeycloakServer keycloak;

    private TestDatabase database;
    private KeycloakSyncStore store;
    private Directory directory;
    private MutableClock clock;
    private String parent;
    private KeycloakGroupSync sync;

    @BeforeAll
    static void startKeycloak() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        keycloak = KeycloakServer.start(freePort(), target.resolve("keycloak-sync-it-data"),
                target.resolve("keycloak-sync-it.log"));
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @BeforeEach
    void freshDatabaseAndParentGroup() {
        database = TestDatabase.create("kcsync");
        Flyway.configure().dataSource(database.url(), "postgres", "").locations("classpath:db/migration").load()
                .migrate();
        store = new KeycloakSyncStore(database.jdbc(),
                new DataSourceTransactionManager(database.jdbc().getDataSource()));
        directory = new Directory();
        clock = new MutableClock(T0);
        parent = "it-" + UUID.randomUUID().toString().substring(0, 8);
        sync = syncWithSecret(SYNC_SECRET);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aMembershipAddedInTheDirectoryReachesKeycloakAndTheTokenAndARemovalTakesItAway() {
        directory.group("ops", T0).member("ops", "viewer", T0);

        SyncRun added = sync.runOnce();

        assertThat(added.error()).isNull();
        assertThat(added.groupsCreated()).isEqualTo(1);
        assertThat(added.membersAdded()).isEqualTo(1);
        assertThat(membersInKeycloak("ops")).containsExactly("viewer");
        assertThat(groupsInFreshToken("viewer")).contains("/" + parent + "/ops");
        assertThat(store.pushedCounts()).isEqualTo(new KeycloakSyncStore.PushedCounts(1, 1));
        assertThat(store.drift()).isEmpty();

        clock.set(T0.plusSeconds(60));
        directory.removeMember("ops", "viewer", T0.plusSeconds(60));
        SyncRun removed = sync.runOnce();

        assertThat(removed.membersRemoved()).isEqualTo(1);
        assertThat(membersInKeycloak("ops")).isEmpty();
        assertThat(groupsInFreshToken("viewer")).doesNotContain("/" + parent + "/ops");
        assertThat(store.pushedCounts()).isEqualTo(new KeycloakSyncStore.PushedCounts(1, 0));
        assertThat(store.lastRun()).get().extracting(LastRun::succeeded, LastRun::membersRemoved)
                .containsExactly(true, 1);
    }

    @Test
    void aTimeBoundedMembershipLeavesKeycloakAtItsEnd() {
        Instant end = T0.plusSeconds(3600);
        directory.group("oncall", T0).member("oncall", "operator", T0, end);

        clock.set(end.minusSeconds(1));
        sync.runOnce();
        assertThat(membersInKeycloak("oncall")).containsExactly("operator");

        clock.set(end);
        SyncRun atEnd = sync.runOnce();

        assertThat(atEnd.membersRemoved()).isEqualTo(1);
        assertThat(membersInKeycloak("oncall")).isEmpty();
        assertThat(groupsInFreshToken("operator")).doesNotContain("/" + parent + "/oncall");
    }

    @Test
    void aMemberAddedByHandInKeycloakIsReportedAsDriftAndIsNotRemovedUntilAnOverwriteIsAsked() {
        directory.group("ops", T0).member("ops", "viewer", T0);
        sync.runOnce();
        addByHand("ops", "auditor");

        clock.set(T0.plusSeconds(30));
        SyncRun first = sync.runOnce();
        clock.set(T0.plusSeconds(60));
        SyncRun second = sync.runOnce();

        assertThat(first.membersRemoved()).isZero();
        assertThat(second.membersRemoved()).isZero();
        assertThat(membersInKeycloak("ops")).containsExactlyInAnyOrder("viewer", "auditor");
        assertThat(groupsInFreshToken("auditor")).contains("/" + parent + "/ops");
        assertThat(store.drift()).containsExactly(new DriftView("ops", "auditor", DriftKind.EXTRA_MEMBER,
                T0.plusSeconds(30), null, null));

        store.requestOverwrite("ops", "auditor", "access-admin", T0.plusSeconds(70));
        clock.set(T0.plusSeconds(90));
        SyncRun overwritten = sync.runOnce();

        assertThat(overwritten.membersRemoved()).isEqualTo(1);
        assertThat(membersInKeycloak("ops")).containsExactly("viewer");
        assertThat(store.drift()).isEmpty();
    }

    @Test
    void aMemberRemovedByHandIsReportedAsDriftAndIsNotAddedBackUntilTheDirectoryAgrees() {
        directory.group("ops", T0).member("ops", "viewer", T0).member("ops", "operator", T0);
        sync.runOnce();
        removeByHand("ops", "operator");

        SyncRun drifted = sync.runOnce();

        assertThat(drifted.membersAdded()).isZero();
        assertThat(membersInKeycloak("ops")).containsExactly("viewer");
        assertThat(store.drift()).extracting(DriftView::username, DriftView::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("operator", DriftKind.MISSING_MEMBER));

        clock.set(T0.plusSeconds(60));
        directory.removeMember("ops", "operator", T0.plusSeconds(60));
        sync.runOnce();

        assertThat(store.drift()).isEmpty();
        assertThat(store.pushedCounts()).isEqualTo(new KeycloakSyncStore.PushedCounts(1, 1));
    }

    @Test
    void aUserKeycloakDoesNotKnowIsReportedAndNotCreated() {
        directory.group("ops", T0).member("ops", "ghost", T0).member("ops", "viewer", T0);

        SyncRun run = sync.runOnce();

        assertThat(run.membersAdded()).isEqualTo(1);
        assertThat(membersInKeycloak("ops")).containsExactly("viewer");
        assertThat(store.drift()).extracting(DriftView::username, DriftView::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ghost", DriftKind.UNKNOWN_USER));
        assertThat(userExists("ghost")).isFalse();
    }

    @Test
    void aRunKeycloakRefusesIsRecordedAsFailedAndChangesNothing() {
        directory.group("ops", T0).member("ops", "viewer", T0);

        SyncRun run = syncWithSecret("not-the-secret").runOnce();

        assertThat(run.succeeded()).isFalse();
        assertThat(run.error()).contains("token").contains("401");
        assertThat(store.lastRun()).get().extracting(LastRun::succeeded).isEqualTo(false);
        assertThat(store.pushedCounts()).isEqualTo(new KeycloakSyncStore.PushedCounts(0, 0));
        assertThat(groupExists(parent)).isFalse();
    }

    @Test
    void theServiceRunsTheSyncOnItsScheduleAndShowsTheDriftToAnAccessAdmin() throws Exception {
        Instant now = Instant.now();
        directory.group("ops", now).member("ops", "viewer", now);
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        // The service's own lookup of the directory comes with grant-based authorization; this test supplies the
        // directory so that only the sync's wiring (db-scheduler task, endpoint, health, metrics) is under test.
        ApplicationContextInitializer<GenericApplicationContext> testDirectory = context -> context.registerBean(
                AccessLookup.class, () -> directory, definition -> definition.setPrimary(true));
        try (RunningCommandSide service = RunningCommandSide.start(database, kafka.getBrokersAsString(),
                "it.kcsync.events", List.of(testDirectory),
                "twinledger.security.issuer-uri=" + keycloak.issuerUri(),
                "twinledger.access.keycloak-sync.enabled=true",
                "twinledger.access.keycloak-sync.server-url=" + keycloak.baseUrl(),
                "twinledger.access.keycloak-sync.client-secret=" + SYNC_SECRET,
                "twinledger.access.keycloak-sync.parent-group=" + parent,
                "twinledger.access.keycloak-sync.interval=1s",
                "db-scheduler.polling-interval=1s")) {
            String accessAdmin = keycloak.passwordToken("access-admin", "access-admin");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode report = get(service.api("/api/access/keycloak-sync"), accessAdmin);
                assertThat(report.at("/pushed/memberships").asLong()).isEqualTo(1);
            });
            assertThat(membersInKeycloak("ops")).containsExactly("viewer");
            assertThat(groupsInFreshToken("viewer")).contains("/" + parent + "/ops");

            addByHand("ops", "auditor");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode drift = get(service.api("/api/access/keycloak-sync"), accessAdmin).get("drift");
                assertThat(drift).hasSize(1);
                assertThat(drift.get(0).get("username").asText()).isEqualTo("auditor");
                assertThat(drift.get(0).get("kind").asText()).isEqualTo("EXTRA_MEMBER");
            });
            JsonNode report = get(service.api("/api/access/keycloak-sync"), accessAdmin);
            assertThat(report.get("enabled").asBoolean()).isTrue();
            assertThat(report.at("/lastRun/succeeded").asBoolean()).isTrue();
            assertThat(membersInKeycloak("ops")).containsExactlyInAnyOrder("viewer", "auditor");

            JsonNode health = get(service.management("/actuator/health"), null);
            assertThat(health.at("/components/keycloakSync/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/keycloakSync/details/drift").asLong()).isEqualTo(1);
            assertThat(text(service.management("/actuator/prometheus"), null))
                    .contains("twinledger_keycloak_sync_drift{kind=\"extra-member\"} 1.0");
            HttpResponse<String> operator = HTTP.send(HttpRequest.newBuilder(
                            service.api("/api/access/keycloak-sync"))
                    .header("Authorization", "Bearer " + keycloak.passwordToken("operator", "operator")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(operator.statusCode()).isEqualTo(403);
        } finally {
            kafka.destroy();
        }
    }

    private static JsonNode get(URI uri, String token) throws IOException, InterruptedException {
        return JSON.readTree(text(uri, token));
    }

    private static String text(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private KeycloakGroupSync syncWithSecret(String secret) {
        RestKeycloakAdmin admin = new RestKeycloakAdmin(RestClient.builder(), URI.create(keycloak.baseUrl()), REALM,
                SYNC_CLIENT, secret, Duration.ofSeconds(10), Clock.systemUTC());
        return new KeycloakGroupSync(directory, admin, store, new KeycloakSyncMetrics(new SimpleMeterRegistry(),
                store), parent, clock);
    }

    // ---- Keycloak as an administrator sees it, and as a user's token shows it ----

    private List<String> groupsInFreshToken(String user) {
        Object groups = KeycloakServer.decodeClaims(keycloak.passwordToken(user, user)).get("groups");
        List<String> paths = new ArrayList<>();
        if (groups instanceof List<?> list) {
            list.forEach(path -> paths.add(String.valueOf(path)));
        }
        return paths;
    }

    private List<String> membersInKeycloak(String group) {
        JsonNode members = admin("GET", "/groups/" + groupId(parent + "/" + group) + "/members?max=1000");
        List<String> usernames = new ArrayList<>();
        members.forEach(member -> usernames.add(member.get("username").asText()));
        return usernames;
    }

    private void addByHand(String group, String username) {
        admin("PUT", "/users/" + userId(username) + "/groups/" + groupId(parent + "/" + group));
    }

    private void removeByHand(String group, String username) {
        admin("DELETE", "/users/" + userId(username) + "/groups/" + groupId(parent + "/" + group));
    }

    private boolean userExists(String username) {
        return admin("GET", "/users?exact=true&username=" + username).size() > 0;
    }

    private boolean groupExists(String path) {
        return adminStatus("/group-by-path/" + path) == 200;
    }

    private String userId(String username) {
        return admin("GET", "/users?exact=true&username=" + username).get(0).get("id").asText();
    }

    private String groupId(String path) {
        return admin("GET", "/group-by-path/" + path).get("id").asText();
    }

    private JsonNode admin(String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(adminRequest(path).method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int adminStatus(String path) {
        try {
            return HTTP.send(adminRequest(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder adminRequest(String path) {
        return HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + REALM + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminToken());
    }

    /** The bootstrap admin of the master realm (admin/admin, set by {@link KeycloakServer}). */
    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A clock the test moves: when the directory says a membership ends, the run must see that instant. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
