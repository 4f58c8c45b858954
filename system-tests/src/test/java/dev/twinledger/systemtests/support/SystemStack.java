package dev.twinledger.systemtests.support;

import dev.twinledger.keycloak.KeycloakServer;
import dev.twinledger.localstack.AccessSeed;
import dev.twinledger.localstack.KafkaBroker;
import dev.twinledger.localstack.PostgresServer;
import dev.twinledger.localstack.Ports;
import dev.twinledger.localstack.ServiceProcess;
import dev.twinledger.localstack.ServiceSettings;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Every server the end-to-end tests need, real and on free ports: PostgreSQL (the local server or embedded) with a
 * fresh event-store database and a fresh read database, a Kafka KRaft broker, Keycloak with the realm imported, and
 * both services started from their exec jars. Started once per test JVM by {@link SystemStackExtension}; logs go to
 * {@code system-tests/target/system-stack/}.
 */
public final class SystemStack implements AutoCloseable {

    public static final String TOPIC = "twinledger.events";
    public static final String SITE_ID = "dc1";
    /** The HMAC key shared with the test's alert webhook; at least 32 bytes, as the command side demands. */
    public static final String WEBHOOK_SECRET = "system-test-webhook-secret-0123456789abcdef";
    /** The test's webhook refuses every delivery this many times before accepting it. */
    public static final int WEBHOOK_FAILURES_FIRST = 2;

    private final Path workDir;
    private final PostgresServer postgres;
    private final String eventsDb;
    private final String readDb;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final WebhookReceiver webhooks;
    private final ServiceProcess commandSide;
    private final ServiceProcess querySide;
    private final int commandPort;
    private final int queryPort;

    private SystemStack() {
        workDir = Path.of(System.getProperty("twinledger.systemTestDir", "target/system-stack")).toAbsolutePath();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        postgres = PostgresServer.startLocalOrEmbedded(null, workDir.resolve("postgres.log"));
        eventsDb = "tl_system_events_" + suffix;
        readDb = "tl_system_read_" + suffix;
        postgres.createDatabase(eventsDb);
        postgres.createDatabase(readDb);
        kafka = KafkaBroker.builder(workDir.resolve("kafka-" + suffix))
                .port(Ports.freePort()).controllerPort(Ports.freePort())
                .logFile(workDir.resolve("kafka.log"))
                .start();
        keycloak = KeycloakServer.builder()
                .port(Ports.freePort())
                .dataDir(workDir.resolve("keycloak-" + suffix))
                .logFile(workDir.resolve("keycloak.log"))
                .start();
        commandPort = Ports.freePort();
        queryPort = Ports.freePort();
        webhooks = WebhookReceiver.start(WEBHOOK_SECRET, WEBHOOK_FAILURES_FIRST);
        // One on-call subscriber for every level; critical alerts are routed to L2. Short backoff, so the two refused
        // attempts of each delivery cost the test well under a second.
        Map<String, String> commandSettings = new LinkedHashMap<>();
        commandSettings.put("twinledger.alerts.routes[0].severity", "CRITICAL");
        commandSettings.put("twinledger.alerts.routes[0].level", "L2");
        commandSettings.put("twinledger.alerts.subscribers[0].name", "on-call");
        commandSettings.put("twinledger.alerts.subscribers[0].levels", "L1,L2,L3");
        commandSettings.put("twinledger.alerts.subscribers[0].url", webhooks.url());
        commandSettings.put("twinledger.alerts.subscribers[0].secret", WEBHOOK_SECRET);
        commandSettings.put("twinledger.alerts.delivery.initial-backoff", "100ms");
        commandSettings.put("twinledger.alerts.delivery.poll-interval", "200ms");
        commandSettings.put("twinledger.alerts.delivery.batch-size", "50");
        commandSide = service("command-side", System.getProperty("twinledger.commandSideJar"), commandPort, eventsDb,
                commandSettings).start();
        querySide = service("query-side", System.getProperty("twinledger.querySideJar"), queryPort, readDb,
                querySettings()).start();
        // The realm's users work as their realm role suggests only once they hold the namesake grant.
        AccessSeed.grantEverywhere(URI.create("http://127.0.0.1:" + commandPort), this::tokenFor,
                AccessSeed.TEST_USERS);
    }

    /** Both query sides sign with one key, as two instances of one site would; checkpoints come quickly. */
    private Map<String, String> querySettings() {
        return Map.of("twinledger.audit.signing-key-file", workDir.resolve("audit-signing-key.pem").toString(),
                "twinledger.audit.checkpoint-interval", "1s");
    }

    /**
     * A second query side on a new, empty read database: it builds its read model from the topic, as a rebuild
     * would. Close it to stop it and drop its database.
     */
    public SecondQuerySide startSecondQuerySide() {
        String database = readDb + "_rebuilt";
        postgres.createDatabase(database);
        int port = Ports.freePort();
        ServiceProcess process = service("query-side-rebuilt", System.getProperty("twinledger.querySideJar"), port,
                database, querySettings()).start();
        return new SecondQuerySide(process, new Api("http://127.0.0.1:" + port), () -> postgres.connect(database),
                () -> postgres.dropDatabase(database));
    }

    /** A second query side and its read database. */
    public record SecondQuerySide(ServiceProcess process, Api api, SqlConnector readModel, Runnable dropDatabase)
            implements AutoCloseable {
        @Override
        public void close() {
            process.close();
            dropDatabase.run();
        }
    }

    /** Opens a connection. */
    @FunctionalInterface
    public interface SqlConnector {
        Connection connect() throws SQLException;
    }

    static SystemStack start() {
        return new SystemStack();
    }

    private ServiceProcess service(String name, String jar, int port, String database, Map<String, String> extra) {
        if (jar == null) {
            throw new IllegalStateException("system property with the " + name + " jar is not set; run through Maven");
        }
        ServiceProcess.Builder builder = ServiceProcess.builder(name, Path.of(jar))
                .property("twinledger.kafka.topic", TOPIC)
                .logFile(workDir.resolve(name + ".log"));
        ServiceSettings.of(port, postgres, database, kafka.bootstrapServers(), keycloak.issuerUri(), SITE_ID)
                .forEach(builder::property);
        extra.forEach(builder::property);
        return builder.build();
    }

    /** The command API, e.g. {@code http://127.0.0.1:PORT}. */
    public Api commandApi() {
        return new Api("http://127.0.0.1:" + commandPort);
    }

    /** The query API. */
    public Api queryApi() {
        return new Api("http://127.0.0.1:" + queryPort);
    }

    /** An access token for a test user of the realm (password = username). */
    public String tokenFor(String username) {
        return keycloak.passwordToken(username, username);
    }

    /** An access token of the automation client's service account. */
    public String automationToken() {
        return keycloak.clientCredentialsToken(KeycloakServer.AUTOMATION_CLIENT_ID,
                KeycloakServer.AUTOMATION_CLIENT_SECRET);
    }

    /** The alert webhook subscriber configured on the command side. */
    public WebhookReceiver webhooks() {
        return webhooks;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ServiceProcess commandSide() {
        return commandSide;
    }

    public ServiceProcess querySide() {
        return querySide;
    }

    /** A connection to the command side's event store database. */
    public Connection eventStore() throws SQLException {
        return postgres.connect(eventsDb);
    }

    /** A connection to the query side's read database. */
    public Connection readModel() throws SQLException {
        return postgres.connect(readDb);
    }

    @Override
    public void close() {
        closeQuietly(querySide);
        closeQuietly(commandSide);
        closeQuietly(keycloak);
        closeQuietly(webhooks);
        closeQuietly(kafka);
        try {
            postgres.dropDatabase(eventsDb);
            postgres.dropDatabase(readDb);
        } catch (RuntimeException e) {
            System.err.println("Could not drop test databases: " + e);
        }
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + closeable + ": " + e);
        }
    }
}
