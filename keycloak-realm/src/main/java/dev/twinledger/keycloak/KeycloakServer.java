package dev.twinledger.keycloak;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak server (the Quarkus distribution unpacked by this module's build) with the {@code twinledger}
 * realm imported, running as a child process.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start(int, Path, Path)} returns only once
 *       {@code /realms/twinledger/.well-known/openid-configuration} answers 200 (at most {@link #STARTUP_TIMEOUT});
 *       otherwise it stops the process and throws {@link IllegalStateException} naming the log file.</li>
 *   <li>The installation is built once ({@code kc.sh build --db=dev-file --health-enabled=true}); the build is
 *       guarded by a marker file and a file lock, so concurrent first starts from several JVMs are safe.</li>
 *   <li>Every instance owns its data directory: it is emptied at start, so the realm is always imported fresh and two
 *       instances from one installation never share a database, import folder or transaction log.</li>
 *   <li>The HTTP listener binds to 127.0.0.1 only. Tokens carry {@code iss = }{@link #issuerUri()}, which always
 *       names {@code localhost}, whichever address the token was requested from.</li>
 *   <li>Server output goes to the given log file only.</li>
 *   <li>{@link #close()} stops the server and its child processes (SIGTERM, then forcibly after 30 s). A JVM shutdown
 *       hook does the same if the caller forgets (see {@link Builder#shutdownHook}); a caller killed with SIGKILL
 *       leaves the server running. Where {@code setsid} exists the server runs in its own session, so a terminal's
 *       Ctrl-C reaches the calling JVM only.</li>
 * </ul>
 * Instances are safe to use from several threads.
 */
public final class KeycloakServer implements AutoCloseable {

    /** Name of the realm imported from {@link #REALM_RESOURCE}. */
    public static final String REALM = "twinledger";
    /** Public client with the password grant, for people and tests. */
    public static final String CLI_CLIENT_ID = "twinledger-cli";
    /** Confidential client with a service account holding the {@code operator} realm role. */
    public static final String AUTOMATION_CLIENT_ID = "twinledger-automation";
    /** Secret of {@link #AUTOMATION_CLIENT_ID}; for local runs and tests only. */
    public static final String AUTOMATION_CLIENT_SECRET = "automation-secret";
    /**
     * Confidential client whose service account holds the {@code realm-management} roles the command side's Keycloak
     * group sync needs ({@code query-groups}, {@code view-users}, {@code query-users}, {@code manage-users}).
     */
    public static final String DIRECTORY_SYNC_CLIENT_ID = "twinledger-directory-sync";
    /** Secret of {@link #DIRECTORY_SYNC_CLIENT_ID}; for local runs and tests only. */
    public static final String DIRECTORY_SYNC_CLIENT_SECRET = "directory-sync-secret";
    /** Audience that the CLI and automation clients put into access tokens; the services require it. */
    public static final String API_AUDIENCE = "twinledger-api";
    /** Classpath location of the realm definition. */
    public static final String REALM_RESOURCE = "/keycloak/twinledger-realm.json";
    /** System property naming the Keycloak installation directory (the one holding {@code bin/kc.sh}). */
    public static final String HOME_PROPERTY = "twinledger.keycloak.home";
    /** System property naming the project root; normally found by walking up from the working directory. */
    public static final String PROJECT_ROOT_PROPERTY = "twinledger.project.root";
    /** Upper bound for {@link #start} to wait for the realm to answer. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    static final String BUILD_ARGS = "build --db=dev-file --health-enabled=true";
    private static final String INSTANCE_MARKER = ".twinledger-keycloak-instance";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int port;
    private final int managementPort;
    private final Path dataDir;
    private final Path logFile;
    private final Process process;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean closed;

    private KeycloakServer(Path home, int port, int managementPort, Path dataDir, Path logFile, Process process,
                           boolean registerShutdownHook) {
        this.home = home;
        this.port = port;
        this.managementPort = managementPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.process = process;
        this.shutdownHook = registerShutdownHook
                ? new Thread(this::stopProcess, "keycloak-" + port + "-shutdown")
                : null;
    }

    /**
     * Starts Keycloak from {@link #defaultHome()}.
     *
     * @see #start(Path, int, Path, Path)
     */
    public static KeycloakServer start(int httpPort, Path dataDir, Path logFile) {
        return builder().port(httpPort).dataDir(dataDir).logFile(logFile).start();
    }

    /**
     * Starts Keycloak and waits until the {@code twinledger} realm answers.
     *
     * @param home     the unpacked distribution (contains {@code bin/kc.sh})
     * @param httpPort port on 127.0.0.1; use a free one in tests
     * @param dataDir  directory owned by this instance; it is created, or emptied if it was used by an earlier
     *                 instance. A non-empty directory that was not is refused, to protect unrelated files.
     * @param logFile  file that receives all server output (appended)
     * @throws IllegalStateException if the installation is missing, the build fails, the process dies or the realm
     *                               does not answer within {@link #STARTUP_TIMEOUT}
     */
    public static KeycloakServer start(Path home, int httpPort, Path dataDir, Path logFile) {
        return builder().home(home).port(httpPort).dataDir(dataDir).logFile(logFile).start();
    }

    /** Starts describing a server; every setting but the data directory and log file has a default. */
    public static Builder builder() {
        return new Builder();
    }

    private static KeycloakServer launch(Builder options) {
        Path kcHome = (options.home != null ? options.home : defaultHome()).toAbsolutePath().normalize();
        Path data = options.dataDir.toAbsolutePath().normalize();
        Path log = options.logFile.toAbsolutePath().normalize();
        int httpPort = options.port > 0 ? options.port : freePort();
        if (!Files.isRegularFile(kcHome.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak installation at " + kcHome
                    + ": build the keycloak-realm module first (mvn -B install -pl keycloak-realm -DskipTests)"
                    + " or set -D" + HOME_PROPERTY);
        }
        try {
            Files.createDirectories(log.getParent());
            KeycloakBuild.ensureBuilt(kcHome, log);
            Path instanceHome = prepareInstance(kcHome, data);
            int managementPort = freePort();
            List<String> command = List.of(
                    instanceHome.resolve("bin/kc.sh").toString(), "start", "--optimized",
                    "--http-enabled=true", "--http-host=127.0.0.1",
                    "--hostname=http://localhost:" + httpPort, "--http-port=" + httpPort,
                    // The management interface (health) would otherwise take port 9000 in every instance.
                    "--http-management-port=" + managementPort,
                    "--cache=local", "--import-realm", "--log-console-color=false");
            ProcessBuilder builder = new ProcessBuilder(detached(command))
                    .directory(instanceHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            configureEnvironment(builder.environment());
            Process process = builder.start();
            // No input: kc.sh hands its stdin to Keycloak, which must never wait on it.
            process.getOutputStream().close();
            KeycloakServer server = new KeycloakServer(kcHome, httpPort, managementPort, data, log, process,
                    options.shutdownHook);
            if (server.shutdownHook != null) {
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            }
            try {
                server.awaitRealm(options.startupTimeout);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + kcHome, e);
        }
    }

    /**
     * The installation used when none is given: the system property {@value #HOME_PROPERTY}, else
     * {@code <project root>/.run/keycloak/keycloak-<version>} as unpacked by this module's build.
     */
    public static Path defaultHome() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        return projectRoot().resolve(".run/keycloak/keycloak-" + version());
    }

    /** The Keycloak version this module was built against, e.g. {@code 26.7.3}. */
    public static String version() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/keycloak-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("keycloak-version.properties missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project root: the system property {@value #PROJECT_ROOT_PROPERTY}, else the nearest directory at or above
     * the working directory that contains {@code .run}, else the topmost directory of the unbroken chain of
     * directories holding a {@code pom.xml}, else the working directory.
     */
    public static Path projectRoot() {
        String configured = System.getProperty(PROJECT_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".run"))) {
                return dir;
            }
        }
        Path topmostPom = null;
        for (Path dir = start; dir != null && Files.isRegularFile(dir.resolve("pom.xml")); dir = dir.getParent()) {
            topmostPom = dir;
        }
        return topmostPom != null ? topmostPom : start;
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The port of Keycloak's management interface ({@code /health/ready}), chosen free at start. */
    public int managementPort() {
        return managementPort;
    }

    /** The installation this instance runs from. */
    public Path home() {
        return home;
    }

    /** The directory owned by this instance (database, imported realm, transaction log). */
    public Path dataDir() {
        return dataDir;
    }

    /** The file that receives the server's output. */
    public Path logFile() {
        return logFile;
    }

    /** {@code http://localhost:PORT}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** {@code http://localhost:PORT/realms/twinledger}: the {@code iss} of every token and the services' issuer URI. */
    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** The realm's OpenID Connect token endpoint. */
    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    /** The realm's JSON Web Key Set endpoint. */
    public String jwksUri() {
        return issuerUri() + "/protocol/openid-connect/certs";
    }

    /** The process id of {@code kc.sh}, whose child is Keycloak's JVM. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Gets an access token with the password grant through {@link #CLI_CLIENT_ID}.
     *
     * @return the encoded access token (a JWT)
     * @throws TokenRequestException if Keycloak refuses, e.g. HTTP 400 {@code invalid_grant} for a wrong password
     */
    public String passwordToken(String username, String password) {
        return requestToken(Map.of(
                "grant_type", "password",
                "client_id", CLI_CLIENT_ID,
                "username", username,
                "password", password));
    }

    /**
     * Gets an access token with the client credentials grant, e.g. for {@link #AUTOMATION_CLIENT_ID}.
     *
     * @return the encoded access token (a JWT)
     * @throws TokenRequestException if Keycloak refuses
     */
    public String clientCredentialsToken(String clientId, String clientSecret) {
        return requestToken(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", clientSecret));
    }

    /**
     * Decodes the payload of a JWT without verifying its signature: for assertions in tests, never for trust
     * decisions.
     */
    public static Map<String, Object> decodeClaims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT");
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            return JSON.readValue(payload, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("JWT payload is not JSON", e);
        }
    }

    /** Stops the server and its child processes; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; stopping here as well is harmless.
            }
        }
        stopProcess();
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + issuerUri() + ", pid " + process.pid() + ", log " + logFile + "]";
    }

    /**
     * Starts Keycloak alone for manual use, stopping it on Ctrl-C.
     * Arguments: {@code --port=18080}, {@code --data-dir=<root>/.run/keycloak-data},
     * {@code --log=<root>/.run/logs/keycloak.log}.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Usage: KeycloakServer [--port=18080] [--data-dir=DIR] [--log=FILE]");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path runDir = projectRoot().resolve(".run");
        int port = Integer.parseInt(options.getOrDefault("port", "18080"));
        Path dataDir = Paths.get(options.getOrDefault("data-dir", runDir.resolve("keycloak-data").toString()));
        Path log = Paths.get(options.getOrDefault("log", runDir.resolve("logs/keycloak.log").toString()));
        System.out.println("Starting Keycloak on port " + port + " (log: " + log + ") ...");
        long started = System.nanoTime();
        KeycloakServer server = start(port, dataDir, log);
        System.out.printf("Keycloak ready in %.1f s: %s (admin console %s/admin, admin/admin). Ctrl-C stops it.%n",
                (System.nanoTime() - started) / 1e9, server.issuerUri(), server.baseUrl());
        new CountDownLatch(1).await();
    }

    private String requestToken(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TokenRequestException(response.statusCode(), response.body());
            }
            Object token = JSON.readValue(response.body(), Map.class).get("access_token");
            if (!(token instanceof String accessToken)) {
                throw new TokenRequestException(response.statusCode(), response.body());
            }
            return accessToken;
        } catch (IOException e) {
            throw new UncheckedIOException("Token request to " + tokenEndpoint() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while requesting a token", e);
        }
    }

    private void awaitRealm(Duration timeout) {
        URI wellKnown = URI.create("http://127.0.0.1:" + port + "/realms/" + REALM
                + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " during startup; see " + logFile + "\n" + tail(logFile, 15));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Keycloak opens its port late and answers 503 while bootstrapping; both mean "keep waiting".
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " on port " + port + " within "
                + timeout.toSeconds() + " s; see " + logFile + "\n" + tail(logFile, 15));
    }

    private synchronized void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        // Snapshot the tree first: once kc.sh exits, its java child is re-parented and no longer found.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        // kc.sh traps SIGTERM and forwards it to the JVM, which then shuts Keycloak down gracefully.
        process.destroy();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long remaining = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Nothing more can be done than SIGKILL.
            }
        }
    }

    /**
     * Builds an instance home inside {@code dataDir}: a private copy of {@code bin/kc.sh} (Keycloak derives its home
     * from the script's real location), links to the shared read-only parts, and a private {@code data} folder.
     * Keycloak keeps its H2 database, import folder and transaction log under {@code <home>/data}, and only the
     * database location can be moved by an option, so this is what isolates instances completely.
     */
    private static Path prepareInstance(Path kcHome, Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dataDir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dataDir.resolve(INSTANCE_MARKER))) {
                throw new IllegalArgumentException("Refusing to empty " + dataDir
                        + ": it is not a Keycloak data directory created by KeycloakServer");
            }
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir.resolve("bin"));
        Files.createFile(dataDir.resolve(INSTANCE_MARKER));
        Path script = dataDir.resolve("bin/kc.sh");
        Files.copy(kcHome.resolve("bin/kc.sh"), script, StandardCopyOption.COPY_ATTRIBUTES);
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("Cannot make " + script + " executable");
        }
        for (String shared : List.of("lib", "conf", "providers", "themes")) {
            Files.createSymbolicLink(dataDir.resolve(shared), kcHome.resolve(shared));
        }
        Path importDir = Files.createDirectories(dataDir.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " missing from the classpath");
            }
            Files.copy(realm, importDir.resolve("twinledger-realm.json"));
        }
        return dataDir;
    }

    static void configureEnvironment(Map<String, String> env) {
        env.put("JAVA", javaExecutable());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        // C1 only: Keycloak starts markedly faster on two cores, and a local server never runs long enough for C2.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Settings from the caller's shell must not leak into the server.
        env.remove("JAVA_OPTS");
        env.remove("KC_DB");
        env.remove("KC_DB_URL");
        env.remove("KC_HOSTNAME");
    }

    /**
     * Runs the command in its own session where {@code setsid} exists, so that a terminal's Ctrl-C reaches only the
     * launching JVM, which then stops its children in an order of its choosing. From a JVM the child is never a
     * process-group leader, so setsid execs in place and the pid stays kc.sh's.
     */
    private static List<String> detached(List<String> command) {
        Path setsid = onPath("setsid");
        if (setsid == null) {
            return command;
        }
        List<String> result = new ArrayList<>();
        result.add(setsid.toString());
        result.addAll(command);
        return result;
    }

    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            // Links are deleted, never followed: the shared installation behind them must survive.
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Describes a server; {@link #start()} launches it. */
    public static final class Builder {
        private Path home;
        private int port;
        private Path dataDir;
        private Path logFile;
        private Duration startupTimeout = STARTUP_TIMEOUT;
        private boolean shutdownHook = true;

        private Builder() {
        }

        /** The installation; default {@link KeycloakServer#defaultHome()}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** The HTTP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The instance's own directory; required. See {@link KeycloakServer#start(Path, int, Path, Path)}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The file receiving all server output; required. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Upper bound for the start; default {@link KeycloakServer#STARTUP_TIMEOUT}. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = java.util.Objects.requireNonNull(startupTimeout);
            return this;
        }

        /**
         * Whether to stop the server from a JVM shutdown hook of its own (default true). Turn it off only when the
         * caller stops the server from its own hook, e.g. to stop several processes in a fixed order.
         */
        public Builder shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /**
         * Starts the server and waits until the realm answers.
         *
         * @see KeycloakServer#start(Path, int, Path, Path)
         */
        public KeycloakServer start() {
            java.util.Objects.requireNonNull(dataDir, "dataDir");
            java.util.Objects.requireNonNull(logFile, "logFile");
            return launch(this);
        }
    }
}
