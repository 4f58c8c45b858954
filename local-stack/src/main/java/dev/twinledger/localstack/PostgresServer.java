package dev.twinledger.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server for local runs and system tests: the developer's own server on 127.0.0.1:5432 if one answers
 * with trust authentication for user {@code postgres}, otherwise an embedded PostgreSQL 16 (real binaries shipped as
 * Maven artifacts) on a free port.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #createDatabase} and {@link #dropDatabase} are idempotent; names must be plain SQL identifiers.</li>
 *   <li>{@link #jdbcUrl}, {@link #username()} and {@link #password()} are what a service needs to connect.</li>
 *   <li>{@link #close()} stops an embedded server (keeping a caller-given data directory, deleting a temporary one)
 *       and leaves a local server alone. A shared JVM shutdown hook stops an embedded server the caller left
 *       running.</li>
 *   <li>The embedded server's output goes to a log file, never to stdout.</li>
 * </ul>
 * Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {

    /** Port of the developer's own PostgreSQL. */
    public static final int LOCAL_PORT = 5432;
    /** The superuser used for both kinds of server. */
    public static final String USERNAME = "postgres";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Duration LOCAL_PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String host;
    private final int port;
    private final EmbeddedPostgres embedded;
    private final Path logFile;
    private volatile boolean closed;

    private PostgresServer(String host, int port, EmbeddedPostgres embedded, Path logFile) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
        this.logFile = logFile;
    }

    /**
     * Uses the local server on 127.0.0.1:5432 if it accepts user {@code postgres} without a password, otherwise
     * starts an embedded one.
     *
     * @param dataDirOrNull data directory for the embedded server: kept between runs if given, a temporary one
     *                      deleted on {@link #close()} if null. Ignored when the local server is used.
     */
    public static PostgresServer startLocalOrEmbedded(Path dataDirOrNull) {
        return startLocalOrEmbedded(dataDirOrNull, null);
    }

    /**
     * Like {@link #startLocalOrEmbedded(Path)}, with the embedded server's log going to {@code logFileOrNull}
     * (default: {@code <dataDir>.log} next to the data directory, or a temporary file).
     */
    public static PostgresServer startLocalOrEmbedded(Path dataDirOrNull, Path logFileOrNull) {
        if (localServerAnswers()) {
            return new PostgresServer("127.0.0.1", LOCAL_PORT, null, null);
        }
        return startEmbedded(dataDirOrNull, logFileOrNull);
    }

    /** Whether a PostgreSQL on 127.0.0.1:5432 accepts user {@code postgres} without a password. */
    public static boolean localServerAnswers() {
        Properties properties = credentials();
        properties.setProperty("connectTimeout", String.valueOf(LOCAL_PROBE_TIMEOUT.toSeconds()));
        properties.setProperty("loginTimeout", String.valueOf(LOCAL_PROBE_TIMEOUT.toSeconds()));
        try (Connection ignored = DriverManager.getConnection(url("127.0.0.1", LOCAL_PORT, "postgres"), properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Starts an embedded PostgreSQL on a free port of 127.0.0.1, whether or not a local server exists.
     *
     * @param dataDirOrNull kept between runs if given (initialised on first use), temporary if null
     * @param logFileOrNull server output; default {@code <dataDir>.log}, or a temporary file
     */
    public static PostgresServer startEmbedded(Path dataDirOrNull, Path logFileOrNull) {
        try {
            Path logFile = logFileOrNull != null ? logFileOrNull
                    : dataDirOrNull != null ? dataDirOrNull.resolveSibling(dataDirOrNull.getFileName() + ".log")
                    : Files.createTempFile("embedded-postgres", ".log");
            logFile = logFile.toAbsolutePath().normalize();
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.freePort())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The default of 100 is too few for two services, a test and an IDE session with Hikari pools.
                    .setServerConfig("max_connections", "200")
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDirOrNull != null) {
                Path dataDir = dataDirOrNull.toAbsolutePath().normalize();
                Files.createDirectories(dataDir.getParent());
                stopLeftoverServer(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            PostgresServer server = new PostgresServer("127.0.0.1", postgres.getPort(), postgres, logFile);
            ShutdownHooks.register(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        String database = identifier(name);
        try (Connection connection = connect("postgres")) {
            if (exists(connection, database)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
            } catch (SQLException e) {
                // A concurrent creator won: duplicate_database, or a unique violation in pg_database.
                if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on " + this, e);
        }
    }

    /** Drops the database if it exists, disconnecting its sessions first. */
    public void dropDatabase(String name) {
        String database = identifier(name);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database + " on " + this, e);
        }
    }

    /** Whether the database exists. */
    public boolean databaseExists(String name) {
        try (Connection connection = connect("postgres")) {
            return exists(connection, identifier(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list databases on " + this, e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/database}; credentials are separate. */
    public String jdbcUrl(String database) {
        return url(host, port, identifier(database));
    }

    /** The user name for {@link #jdbcUrl}. */
    public String username() {
        return USERNAME;
    }

    /** The password for {@link #jdbcUrl}: empty, both servers trust local connections. */
    public String password() {
        return "";
    }

    /** The server's host, always 127.0.0.1. */
    public String host() {
        return host;
    }

    /** The server's port: 5432 for the local server, a free port for an embedded one. */
    public int port() {
        return port;
    }

    /** Whether this is an embedded server started by this object (rather than the developer's local one). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server's log file, or null for the local server. */
    public Path logFile() {
        return logFile;
    }

    /** Opens a connection as {@link #username()}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), credentials());
    }

    /** Stops an embedded server; a local server is left running. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShutdownHooks.unregister(this);
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
            }
        }
    }

    @Override
    public String toString() {
        return (isEmbedded() ? "embedded" : "local") + " PostgreSQL on " + host + ":" + port;
    }

    /**
     * A launcher killed with SIGKILL leaves its embedded postmaster running (pg_ctl detaches it), and a second one
     * would refuse the data directory. Stops it with a fast shutdown, only if {@code postmaster.pid} names a live
     * postgres process serving exactly this directory.
     */
    private static void stopLeftoverServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        java.util.List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1).strip()).toAbsolutePath().normalize().equals(dataDir)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(handle -> handle.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        try {
            // SIGINT is PostgreSQL's fast shutdown: sessions end, data stays consistent.
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor();
            postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            postmaster.get().destroyForcibly();
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return name;
    }

    private static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USERNAME);
        properties.setProperty("password", "");
        return properties;
    }
}
