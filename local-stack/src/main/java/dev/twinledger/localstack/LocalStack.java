package dev.twinledger.localstack;

import dev.twinledger.keycloak.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one-command local run: PostgreSQL, Kafka, Keycloak and both services on fixed, documented ports, started in
 * that order and stopped in reverse order on Ctrl-C.
 *
 * <p>Contract: {@link #start()} returns when everything is ready, or stops what it started and throws.
 * {@link #close()} stops everything in reverse start order and then any child process still left. State lives under
 * {@code <project root>/.run}: {@code postgres/} (embedded server only, kept), {@code kafka/} (kept; reset together
 * with both databases when either side is missing, see {@code LocalHistory}),
 * {@code keycloak-data/} (fresh every run), {@code logs/}. The fixed ports are the services' configuration contract
 * and are listed as constants.
 */
public final class LocalStack implements AutoCloseable {

    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    public static final int KEYCLOAK_PORT = 18080;
    public static final int COMMAND_SIDE_PORT = 8081;
    public static final int COMMAND_SIDE_MANAGEMENT_PORT = 9081;
    public static final int QUERY_SIDE_PORT = 8082;
    public static final int QUERY_SIDE_MANAGEMENT_PORT = 9082;
    public static final String SITE_ID = "dc1";
    public static final String EVENTS_DATABASE = "twinledger_events";
    public static final String READ_DATABASE = "twinledger_read";
    public static final String COMMAND_SIDE_JAR = "command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar";
    public static final String QUERY_SIDE_JAR = "query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar";

    private static final String PID_FILE = "local-stack.pids";
    private static final List<String[]> TEST_USERS = List.of(
            new String[] {"viewer", "viewer, granted viewer everywhere"},
            new String[] {"operator", "operator, granted operator everywhere"},
            new String[] {"platform-admin", "platform-admin, granted platform-admin everywhere"},
            new String[] {"access-admin", "access-admin, bootstrap admin (access-admin everywhere)"},
            new String[] {"access-admin-2", "access-admin, second bootstrap admin (approves privileged grants)"},
            new String[] {"auditor", "auditor, granted auditor everywhere"},
            new String[] {"dc1-operator", "operator, but no grant: give one as access-admin"},
            new String[] {"norole", "(no role: authenticated, but allowed nothing)"});

    private final Options options;
    private final Path root;
    private final Path runDir;
    private final Path logDir;
    private final PrintStream out;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private ServiceProcess commandSide;
    private ServiceProcess querySide;
    private boolean closed;

    /**
     * What to run.
     *
     * @param projectRoot      the repository root (holds {@code .run} and the service modules)
     * @param infraOnly        start PostgreSQL, Kafka and Keycloak only, e.g. to run the services from an IDE
     * @param embeddedPostgres use an embedded PostgreSQL even if one answers on 5432
     */
    public record Options(Path projectRoot, boolean infraOnly, boolean embeddedPostgres) {
    }

    /** Prepares a run; nothing is started before {@link #start()}. Progress lines go to {@code out}. */
    public LocalStack(Options options, PrintStream out) {
        this.options = options;
        this.root = options.projectRoot().toAbsolutePath().normalize();
        this.runDir = root.resolve(".run");
        this.logDir = runDir.resolve("logs");
        this.out = out;
    }

    /**
     * Entry point of {@code ./run-local.sh}. Flags: {@code --infra-only}, {@code --embedded-postgres},
     * {@code --help}. Exit status 0 after Ctrl-C, 1 if something could not start, 2 for wrong usage.
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        Path logDir = options.projectRoot().resolve(".run/logs");
        quietOwnLogging(logDir);

        List<String> missing = options.infraOnly() ? List.of() : missingJars(options.projectRoot());
        if (!missing.isEmpty()) {
            System.err.println("Cannot start the services: their jars are not built.");
            missing.forEach(jar -> System.err.println("  missing " + jar));
            System.err.println("Build them first:  mvn -B install -DskipTests -pl command-side,query-side -am");
            System.err.println("(./run-local.sh does this unless --skip-build; if it did, those modules do not yet");
            System.err.println("produce an -exec jar),");
            System.err.println("or start only PostgreSQL, Kafka and Keycloak:  ./run-local.sh --infra-only");
            System.exit(1);
            return;
        }

        LocalStack stack = new LocalStack(options, System.out);
        // Closed last (the hooks run last-registered-first): catches a child whose start Ctrl-C interrupted.
        ShutdownHooks.register(new AutoCloseable() {
            @Override
            public void close() throws IOException {
                stopRemainingChildren();
                Files.deleteIfExists(options.projectRoot().resolve(".run").resolve(PID_FILE));
            }

            @Override
            public String toString() {
                return "leftover child processes";
            }
        });
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("Local stack failed to start: " + e.getMessage());
            System.err.println("Logs: " + stack.relative(logDir));
            System.exit(1);
            return;
        }
        // Closed first on Ctrl-C: reports progress and stops the parts in reverse order.
        ShutdownHooks.register(stack);
        stack.printBanner();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts everything in order and waits for each part to be ready.
     *
     * @throws IllegalStateException if a port is taken or a part does not start; the parts already started stay
     *                               running until {@link #close()} (or the JVM's shutdown)
     */
    public synchronized void start() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + logDir, e);
        }
        stopLeftovers();
        requirePortsFree();

        step("PostgreSQL", () -> {
            postgres = options.embeddedPostgres()
                    ? PostgresServer.startEmbedded(runDir.resolve("postgres"), logDir.resolve("postgres.log"))
                    : PostgresServer.startLocalOrEmbedded(runDir.resolve("postgres"), logDir.resolve("postgres.log"));
            String history = LocalHistory.reconcile(postgres, runDir.resolve("kafka"), EVENTS_DATABASE, READ_DATABASE)
                    ? " (reset: the databases and the Kafka data were out of step)" : "";
            postgres.createDatabase(EVENTS_DATABASE);
            postgres.createDatabase(READ_DATABASE);
            return postgres + ", databases " + EVENTS_DATABASE + " and " + READ_DATABASE + history;
        });
        step("Kafka", () -> {
            kafka = KafkaBroker.builder(runDir.resolve("kafka"))
                    .port(KAFKA_PORT)
                    .controllerPort(KAFKA_CONTROLLER_PORT)
                    .logFile(logDir.resolve("kafka.log"))
                    .start();
            rememberChildren();
            return kafka.bootstrapServers();
        });
        step("Keycloak", () -> {
            // The first run also builds the server once (about 30 s more).
            keycloak = KeycloakServer.builder()
                    .port(KEYCLOAK_PORT)
                    .dataDir(runDir.resolve("keycloak-data"))
                    .logFile(logDir.resolve("keycloak.log"))
                    .shutdownHook(false)
                    .start();
            ShutdownHooks.register(keycloak);
            rememberChildren();
            return keycloak.issuerUri();
        });
        if (!options.infraOnly()) {
            step("command-side", () -> {
                commandSide = service("command-side", COMMAND_SIDE_JAR, COMMAND_SIDE_PORT,
                        COMMAND_SIDE_MANAGEMENT_PORT, EVENTS_DATABASE).start();
                rememberChildren();
                return "http://localhost:" + COMMAND_SIDE_PORT;
            });
            step("query-side", () -> {
                querySide = service("query-side", QUERY_SIDE_JAR, QUERY_SIDE_PORT,
                        QUERY_SIDE_MANAGEMENT_PORT, READ_DATABASE).start();
                rememberChildren();
                return "http://localhost:" + QUERY_SIDE_PORT;
            });
            step("access grants", () -> {
                int created = AccessSeed.grantEverywhere(URI.create("http://localhost:" + COMMAND_SIDE_PORT),
                        user -> keycloak.passwordToken(user, user), AccessSeed.TEST_USERS);
                return created == 0 ? "the test users already hold their roles"
                        : created + " test users given their namesake role everywhere";
            });
        }
        out.printf("All parts ready in %.1f s.%n", seconds(System.nanoTime() - started));
    }

    /** Stops the services, Keycloak, Kafka and an embedded PostgreSQL, in that order; then any leftover child. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShutdownHooks.unregister(this);
        out.println();
        out.println("Stopping the local stack ...");
        stopPart("query-side", querySide);
        stopPart("command-side", commandSide);
        stopPart("Keycloak", keycloak);
        stopPart("Kafka", kafka);
        if (postgres != null && postgres.isEmbedded()) {
            stopPart("PostgreSQL", postgres);
        }
        stopRemainingChildren();
        try {
            Files.deleteIfExists(runDir.resolve(PID_FILE));
        } catch (IOException ignored) {
            // Only a hint for the next run; it checks start times before acting on it.
        }
        out.println("Stopped.");
    }

    /**
     * The command-line arguments a service is started with, in the order of the services' configuration contract.
     * Also printed with {@code --infra-only} for starting a service from an IDE.
     */
    public Map<String, String> serviceProperties(int serverPort, int managementPort, String database) {
        Map<String, String> properties = new LinkedHashMap<>(ServiceSettings.of(serverPort, postgres, database,
                kafka.bootstrapServers(), keycloak.issuerUri(), SITE_ID));
        properties.put("management.server.port", String.valueOf(managementPort));
        // The query side signs audit checkpoints with a key kept with the rest of the run's state (generated at the
        // first start); the command side ignores the setting.
        properties.put("twinledger.audit.signing-key-file", runDir.resolve("audit-signing-key.pem").toString());
        return properties;
    }

    private ServiceProcess service(String name, String jar, int port, int managementPort, String database) {
        ServiceProcess.Builder builder = ServiceProcess.builder(name, root.resolve(jar))
                .managementPort(managementPort)
                .logFile(logDir.resolve(name + ".log"));
        serviceProperties(port, managementPort, database).forEach(builder::property);
        return builder.build();
    }

    @Override
    public String toString() {
        return "local stack";
    }

    private void printBanner() {
        String keycloakUrl = "http://localhost:" + KEYCLOAK_PORT;
        out.println();
        out.println("==================== Twinledger local stack ====================");
        if (!options.infraOnly()) {
            out.printf("  Command API   http://localhost:%d   Swagger UI http://localhost:%d/swagger-ui.html%n",
                    COMMAND_SIDE_PORT, COMMAND_SIDE_PORT);
            out.printf("  Query API     http://localhost:%d   Swagger UI http://localhost:%d/swagger-ui.html%n",
                    QUERY_SIDE_PORT, QUERY_SIDE_PORT);
        }
        out.printf("  Keycloak      %s  (admin console %s/admin, admin / admin)%n", keycloakUrl, keycloakUrl);
        out.printf("  Issuer        %s%n", keycloak.issuerUri());
        out.printf("  Kafka         %s%n", kafka.bootstrapServers());
        out.printf("  PostgreSQL    %s, user %s, no password%n", postgres, postgres.username());
        out.printf("  Logs          %s%n", relative(logDir));
        out.println();
        out.println("  Test users (client twinledger-cli, password = user name):");
        for (String[] user : TEST_USERS) {
            out.printf("    %-16s realm role %s%n", user[0], user[1]);
        }
        out.printf("  Machine client: %s / %s (client credentials, role operator; local use only)%n",
                KeycloakServer.AUTOMATION_CLIENT_ID, KeycloakServer.AUTOMATION_CLIENT_SECRET);
        out.println();
        out.println("  Get a token:");
        out.println("    curl -s -d client_id=twinledger-cli -d username=operator -d password=operator"
                + " -d grant_type=password " + keycloak.tokenEndpoint());
        if (options.infraOnly()) {
            out.println();
            out.println("  Services not started (--infra-only). Program arguments for an IDE run:");
            out.println("    command-side: " + arguments(serviceProperties(COMMAND_SIDE_PORT,
                    COMMAND_SIDE_MANAGEMENT_PORT, EVENTS_DATABASE)));
            out.println("    query-side:   " + arguments(serviceProperties(QUERY_SIDE_PORT,
                    QUERY_SIDE_MANAGEMENT_PORT, READ_DATABASE)));
        }
        out.println("=================================================================");
        out.println("Ctrl-C stops everything.");
    }

    private static String arguments(Map<String, String> properties) {
        StringBuilder result = new StringBuilder();
        properties.forEach((key, value) -> result.append(result.length() == 0 ? "" : " ")
                .append("--").append(key).append('=').append(value));
        return result.toString();
    }

    private interface Step {
        String run();
    }

    private void step(String name, Step step) {
        out.printf("Starting %-13s ... ", name);
        out.flush();
        long started = System.nanoTime();
        try {
            String detail = step.run();
            out.printf("ready in %5.1f s  %s%n", seconds(System.nanoTime() - started), detail);
        } catch (RuntimeException e) {
            out.println("FAILED");
            throw e;
        }
    }

    private void stopPart(String name, AutoCloseable part) {
        if (part == null) {
            return;
        }
        out.printf("  stopping %s%n", name);
        try {
            part.close();
        } catch (Exception e) {
            out.printf("  could not stop %s cleanly: %s%n", name, e.getMessage());
        }
    }

    /** Nothing this JVM started may outlive it; this also catches a process whose start was interrupted. */
    private static void stopRemainingChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT, "Kafka");
        ports.put(KAFKA_CONTROLLER_PORT, "Kafka controller");
        ports.put(KEYCLOAK_PORT, "Keycloak");
        if (!options.infraOnly()) {
            ports.put(COMMAND_SIDE_PORT, "command-side");
            ports.put(COMMAND_SIDE_MANAGEMENT_PORT, "command-side management");
            ports.put(QUERY_SIDE_PORT, "query-side");
            ports.put(QUERY_SIDE_MANAGEMENT_PORT, "query-side management");
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((port, what) -> {
            if (!Ports.isFree(port)) {
                taken.add(port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Ports already in use: " + String.join(", ", taken)
                    + ". Is another local stack or a service from an IDE still running?");
        }
    }

    /**
     * Records this JVM's children with their start times, so that a run after a SIGKILL of this JVM can stop them
     * (and only them: a recycled pid has a different start time).
     */
    private void rememberChildren() {
        StringBuilder lines = new StringBuilder();
        ProcessHandle.current().descendants().forEach(child -> child.info().startInstant().ifPresent(start ->
                lines.append(child.pid()).append(' ').append(start.toEpochMilli()).append('\n')));
        try {
            Files.writeString(runDir.resolve(PID_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // Best effort: without the file, a later run reports busy ports instead of cleaning up.
        }
    }

    private void stopLeftovers() {
        Path pidFile = runDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split(" ");
                if (fields.length != 2) {
                    continue;
                }
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(fields[0]));
                long startMillis = Long.parseLong(fields[1]);
                handle.filter(h -> h.info().startInstant().map(Instant::toEpochMilli)
                        .map(s -> s == startMillis).orElse(false)).ifPresent(leftovers::add);
            }
            Files.delete(pidFile);
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (!leftovers.isEmpty()) {
            out.println("Stopping " + leftovers.size() + " process(es) left over from an earlier run ...");
            leftovers.forEach(ProcessHandle::destroy);
            for (ProcessHandle leftover : leftovers) {
                try {
                    leftover.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    leftover.destroyForcibly();
                }
            }
        }
    }

    private String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path) + "/" : path + "/";
    }

    private static List<String> missingJars(Path root) {
        return List.of(COMMAND_SIDE_JAR, QUERY_SIDE_JAR).stream()
                .filter(jar -> !Files.isRegularFile(root.resolve(jar)))
                .toList();
    }

    /** Parses the flags; null means "print usage". */
    static Options parse(String[] args) {
        boolean infraOnly = false;
        boolean embeddedPostgres = false;
        for (String arg : args) {
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "--embedded-postgres" -> embeddedPostgres = true;
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return new Options(KeycloakServer.projectRoot(), infraOnly, embeddedPostgres);
    }

    private static String usage() {
        return """
                Usage: ./run-local.sh [--skip-build] [--infra-only] [--embedded-postgres]
                  --skip-build         (run-local.sh only) start from the jars of the last build
                  --infra-only         start PostgreSQL, Kafka and Keycloak, not the services (run those from an IDE)
                  --embedded-postgres  use an embedded PostgreSQL even if one answers on 127.0.0.1:5432""";
    }

    /**
     * Sends this JVM's own library logging (PostgreSQL driver, Kafka admin client, embedded PostgreSQL) to a file.
     * Must run before anything touches SLF4J; explicit -D settings win.
     */
    private static void quietOwnLogging(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.logFile",
                System.getProperty("org.slf4j.simpleLogger.logFile", logDir.resolve("local-stack.log").toString()));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private static double seconds(long nanos) {
        return Duration.ofNanos(nanos).toMillis() / 1000.0;
    }
}
