package dev.twinledger.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running as a child JVM from the
 * {@code kafka_2.13} jars.
 *
 * <p>Contract:
 * <ul>
 *   <li>Listens on 127.0.0.1 only: PLAINTEXT on {@link #port()}, the controller on {@link #controllerPort()}. Both
 *       are fixed when the broker is built (0 picks a free port) and kept across {@link #restart()}.</li>
 *   <li>Everything lives in the work directory: {@code server.properties}, {@code log4j.properties} and the log
 *       segments under {@code data/}. The storage is formatted once with the fixed cluster id {@link #CLUSTER_ID}; a
 *       restart with the same work directory sees all acknowledged records again.</li>
 *   <li>Settings: internal topics with replication factor 1, {@code min.insync.replicas=1}, automatic topic creation
 *       on; {@link Builder#property} overrides or adds broker properties.</li>
 *   <li>{@link #start()} returns once an AdminClient {@code describeCluster} round trip succeeds (at most
 *       {@link Builder#startupTimeout}, default {@link #STARTUP_TIMEOUT}); otherwise the child is killed and an
 *       {@link IllegalStateException} names the log file.</li>
 *   <li>Broker logging is WARN and above (plus the "started" line), into {@link #logFile()}, never to stdout.</li>
 *   <li>{@link #kill()} is SIGKILL, as in a crash; {@link #stop()} and {@link #close()} shut down cleanly. A shared
 *       JVM shutdown hook stops brokers the caller left running, in reverse start order with the other
 *       launchers.</li>
 * </ul>
 * The child's classpath comes from the file named by the system property {@value #CLASSPATH_PROPERTY}, else from
 * the classpath resource {@value #CLASSPATH_RESOURCE} written by this module's build. Thread-safe.
 */
public final class KafkaBroker implements AutoCloseable {

    /** A fixed cluster id (base64 of "twinledger-local"), so a work directory formatted once stays valid. */
    public static final String CLUSTER_ID = "dHdpbmxlZGdlci1sb2NhbA";
    /** System property naming a file with the broker's classpath (entries separated by the path separator). */
    public static final String CLASSPATH_PROPERTY = "twinledger.kafka.classpath-file";
    /** Classpath resource holding the broker's classpath, written by the local-stack build. */
    public static final String CLASSPATH_RESOURCE = "/dev/twinledger/localstack/kafka-broker.classpath";
    /** Default upper bound for {@link #start()}. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private final String maxHeap;
    private final Duration startupTimeout;
    private final Map<String, String> overrides;
    private Process process;
    private Duration lastStartup = Duration.ZERO;

    private KafkaBroker(Builder builder) {
        this.workDir = builder.workDir.toAbsolutePath().normalize();
        this.port = Ports.orFree(builder.port);
        int controller = Ports.orFree(builder.controllerPort);
        while (controller == port) {
            controller = Ports.freePort();
        }
        this.controllerPort = controller;
        this.logFile = (builder.logFile != null ? builder.logFile : workDir.resolve("kafka.log"))
                .toAbsolutePath().normalize();
        this.maxHeap = builder.maxHeap;
        this.startupTimeout = builder.startupTimeout;
        this.overrides = Map.copyOf(builder.properties);
    }

    /**
     * Starts describing a broker whose state lives in {@code workDir} (created if missing, reused if present).
     */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /**
     * Formats the storage if this work directory has never been formatted, starts the broker and waits until it
     * serves requests.
     *
     * @return this broker
     * @throws IllegalStateException if it is already running, or does not become ready in time
     */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka broker on port " + port + " is already running");
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir.resolve("data"));
            Files.createDirectories(logFile.getParent());
            writeConfiguration();
            String classpath = brokerClasspath();
            if (!Files.exists(workDir.resolve("data/meta.properties"))) {
                format(classpath);
            }
            process = new ProcessBuilder(ChildProcesses.detached(javaCommand(classpath, "kafka.Kafka",
                    workDir.resolve("server.properties").toString())))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka in " + workDir, e);
        }
        ShutdownHooks.register(this);
        try {
            awaitReady(started + startupTimeout.toNanos());
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The PLAINTEXT client port. */
    public int port() {
        return port;
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's work directory (configuration and data). */
    public Path workDir() {
        return workDir;
    }

    /** The file receiving the broker's log and output. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's process id, or -1 if it never started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** How long the last successful {@link #start()} took, formatting included. */
    public synchronized Duration lastStartupTime() {
        return lastStartup;
    }

    /**
     * Kills the broker with SIGKILL, like a crash or power loss of the process (not of the machine: records written
     * to the page cache survive). Returns once the process is gone and its ports are released.
     */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
        }
        ShutdownHooks.unregister(this);
    }

    /** Shuts the broker down cleanly (SIGTERM, forcibly after 60 s). */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.terminate(process, STOP_GRACE);
        }
        ShutdownHooks.unregister(this);
    }

    /**
     * Stops the broker cleanly if it is running and starts it again with the same work directory and ports.
     *
     * @return this broker, ready
     */
    public synchronized KafkaBroker restart() {
        stop();
        return start();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + workDir + "]";
    }

    private void writeConfiguration() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("log.dirs", workDir.resolve("data").toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "true");
        config.put("num.partitions", "1");
        // 50 offset partitions (the default) cost seconds on two cores when the first consumer group appears.
        config.put("offsets.topic.num.partitions", "5");
        // Consumers in tests and local runs should get partitions at once, not after the 3 s default delay.
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the restarted controller keeps the dead incarnation's registration until its session
        // expires; with the 9 s default a restart took 17 s instead of 7 s here.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "1000");
        config.putAll(overrides);
        StringBuilder server = new StringBuilder("# Written by KafkaBroker at every start; edits are overwritten.\n");
        config.forEach((key, value) -> server.append(key).append('=').append(escape(value)).append('\n'));
        Files.writeString(workDir.resolve("server.properties"), server, StandardCharsets.UTF_8);

        String log4j = """
                # Written by KafkaBroker at every start; edits are overwritten.
                log4j.rootLogger=WARN, file
                log4j.appender.file=org.apache.log4j.FileAppender
                log4j.appender.file.File=%s
                log4j.appender.file.Append=true
                log4j.appender.file.layout=org.apache.log4j.PatternLayout
                log4j.appender.file.layout.ConversionPattern=[%%d] %%p %%m (%%c)%%n
                # The one INFO line worth keeping: when the broker considers itself started.
                log4j.logger.kafka.server.KafkaRaftServer=INFO
                """.formatted(escape(logFile.toString()));
        Files.writeString(workDir.resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
    }

    private void format(String classpath) throws IOException {
        Process formatter = new ProcessBuilder(javaCommand(classpath, "kafka.tools.StorageTool", "format",
                "--ignore-formatted", "-t", CLUSTER_ID, "-c", workDir.resolve("server.properties").toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS)) {
                formatter.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage took over 60 s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            formatter.destroyForcibly();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
        if (formatter.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + workDir + " failed; see " + logFile
                    + System.lineSeparator() + ChildProcesses.tail(logFile, 10));
        }
    }

    private List<String> javaCommand(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcesses.javaExecutable(),
                "-Xms64m", "-Xmx" + maxHeap,
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j.configuration=" + workDir.resolve("log4j.properties").toUri(),
                "-Dkafka.logs.dir=" + workDir,
                "-cp", classpath,
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void awaitReady(long deadlineNanos) {
        // Wait for the port before creating the AdminClient: it would log a warning per refused connection.
        while (!accepts(port)) {
            checkAlive();
            if (System.nanoTime() > deadlineNanos) {
                throw notReady();
            }
            ChildProcesses.sleep(200);
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        try (Admin client = Admin.create(admin)) {
            while (true) {
                checkAlive();
                try {
                    var cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(5000));
                    if (!cluster.nodes().get(6, TimeUnit.SECONDS).isEmpty()
                            && cluster.controller().get(6, TimeUnit.SECONDS) != null) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                } catch (Exception notYet) {
                    // The broker accepts connections before it has joined its own KRaft quorum.
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw notReady();
                }
                ChildProcesses.sleep(250);
            }
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with status " + process.exitValue() + " during startup; see "
                    + logFile + System.lineSeparator() + ChildProcesses.tail(logFile, 15));
        }
    }

    private IllegalStateException notReady() {
        return new IllegalStateException("Kafka on " + bootstrapServers() + " not ready within "
                + startupTimeout.toSeconds() + " s; see " + logFile + System.lineSeparator()
                + ChildProcesses.tail(logFile, 15));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the broker classpath and checks that its jars exist, so a stale file fails with advice, not a trace. */
    static String brokerClasspath() throws IOException {
        String configured = System.getProperty(CLASSPATH_PROPERTY);
        String content;
        String source;
        if (configured != null && !configured.isBlank()) {
            source = configured;
            content = Files.readString(Paths.get(configured), StandardCharsets.UTF_8);
        } else {
            try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Classpath resource " + CLASSPATH_RESOURCE + " is missing: build "
                            + "local-stack (mvn -B install -pl local-stack -am -DskipTests) or set -D"
                            + CLASSPATH_PROPERTY);
                }
                source = CLASSPATH_RESOURCE;
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String classpath = content.strip();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Paths.get(entry))) {
                throw new IllegalStateException("Kafka broker classpath from " + source + " names a missing file "
                        + entry + ": rebuild local-stack (mvn -B install -pl local-stack -am -DskipTests)");
            }
        }
        return classpath;
    }

    private static String escape(String value) {
        // Properties files treat backslashes as escapes; paths never need them on Unix but may on Windows.
        return value.replace("\\", "\\\\");
    }

    /** Describes a broker; {@link #build()} fixes its ports, {@link #start()} also starts it. */
    public static final class Builder {
        private final Path workDir;
        private int port;
        private int controllerPort;
        private Path logFile;
        private String maxHeap = "512m";
        private Duration startupTimeout = STARTUP_TIMEOUT;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller port; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Where the broker logs; default {@code <workDir>/kafka.log}. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The child JVM's {@code -Xmx}, default {@code 512m}. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap);
            return this;
        }

        /** Upper bound for {@link KafkaBroker#start()}, default 120 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Sets or overrides a broker property in {@code server.properties}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** A broker that is not started yet, with its ports fixed. */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }

        /** Builds and starts the broker. */
        public KafkaBroker start() {
            return build().start();
        }
    }
}
