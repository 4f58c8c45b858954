package dev.twinledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Spring Boot executable jar running as a child JVM: {@code java -Xmx384m [jvm args] -jar <jar> --key=value ...}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} returns once {@code http://127.0.0.1:<managementPort>/actuator/health/readiness} answers
 *       200 (at most {@link Builder#readinessTimeout}, default {@link #READINESS_TIMEOUT}); otherwise the process
 *       is killed and an {@link IllegalStateException} names the log file. The management port must therefore be
 *       among the properties the service understands ({@code --management.server.port}); the builder passes it.</li>
 *   <li>A missing jar fails fast with {@link MissingJarException}, before anything is started.</li>
 *   <li>All output goes to the log file (appended), never to stdout.</li>
 *   <li>{@link #stop()} sends SIGTERM and waits (Spring's graceful shutdown), forcibly after 30 s;
 *       {@link #kill()} is SIGKILL; {@link #restart()} starts the same command again. A shared JVM shutdown hook stops
 *       services the caller left running, in reverse start order with the other launchers.</li>
 * </ul>
 * Thread-safe.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Default upper bound for {@link #start()}. */
    public static final Duration READINESS_TIMEOUT = Duration.ofSeconds(180);

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path jar;
    private final int managementPort;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Duration readinessTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Duration lastStartup = Duration.ZERO;

    private ServiceProcess(Builder builder) {
        this.name = builder.name;
        this.jar = builder.jar.toAbsolutePath().normalize();
        this.managementPort = builder.managementPort;
        this.logFile = (builder.logFile != null ? builder.logFile : Path.of(name + ".log")).toAbsolutePath()
                .normalize();
        this.readinessTimeout = builder.readinessTimeout;
        this.environment = Map.copyOf(builder.environment);
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildProcesses.javaExecutable());
        cmd.add("-Xmx" + builder.maxHeap);
        cmd.addAll(builder.jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        Map<String, String> properties = new LinkedHashMap<>(builder.properties);
        properties.putIfAbsent("management.server.port", String.valueOf(managementPort));
        properties.forEach((key, value) -> cmd.add("--" + key + "=" + value));
        this.command = List.copyOf(cmd);
    }

    /**
     * Starts describing a service.
     *
     * @param name a short name for messages and the default log file, e.g. {@code command-side}
     * @param jar  the Spring Boot executable jar
     */
    public static Builder builder(String name, Path jar) {
        return new Builder(name, jar);
    }

    /**
     * Starts the service and waits for readiness.
     *
     * @return this service
     * @throws MissingJarException   if the jar does not exist
     * @throws IllegalStateException if it is already running, exits, or is not ready in time
     */
    public synchronized ServiceProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new MissingJarException(name, jar);
        }
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.detached(command))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        ShutdownHooks.register(this);
        try {
            awaitReady(started + readinessTimeout.toNanos());
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    /** The short name given to the builder. */
    public String name() {
        return name;
    }

    /** The jar this service runs. */
    public Path jar() {
        return jar;
    }

    /** The port of the actuator endpoints. */
    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:<managementPort>/actuator/health/readiness}. */
    public URI readinessUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
    }

    /** The full command line, for diagnostics. */
    public List<String> command() {
        return command;
    }

    /** The file receiving the service's output. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id, or -1 if it never started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** How long the last successful {@link #start()} took. */
    public synchronized Duration lastStartupTime() {
        return lastStartup;
    }

    /** SIGTERM, then waits for a graceful shutdown; forcibly after 30 s. */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.terminate(process, STOP_GRACE);
        }
        ShutdownHooks.unregister(this);
    }

    /** SIGKILL, as in a crash; returns once the process is gone. */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
        }
        ShutdownHooks.unregister(this);
    }

    /** Stops the service if it runs and starts the same command again. */
    public synchronized ServiceProcess restart() {
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
        return "ServiceProcess[" + name + ", " + jar.getFileName() + ", management port " + managementPort + "]";
    }

    private void awaitReady(long deadlineNanos) {
        HttpRequest request = HttpRequest.newBuilder(readinessUri()).timeout(Duration.ofSeconds(5)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " during startup; see " + logFile + System.lineSeparator()
                        + ChildProcesses.tail(logFile, 20));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The management port opens late in Spring Boot's startup.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(name + " not ready at " + readinessUri() + " within "
                        + readinessTimeout.toSeconds() + " s; see " + logFile + System.lineSeparator()
                        + ChildProcesses.tail(logFile, 20));
            }
            ChildProcesses.sleep(500);
        }
    }

    /** The service's jar does not exist: it has not been built. */
    public static final class MissingJarException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final transient Path jar;

        public MissingJarException(String name, Path jar) {
            super(name + " jar not found: " + jar + ". Build it first (mvn -B install -DskipTests).");
            this.jar = jar;
        }

        /** The path that was expected to hold the jar. */
        public Path jar() {
            return jar;
        }
    }

    /** Describes a service; {@link #start()} runs it. */
    public static final class Builder {
        private final String name;
        private final Path jar;
        private int managementPort;
        private String maxHeap = "384m";
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path logFile;
        private Duration readinessTimeout = READINESS_TIMEOUT;

        private Builder(String name, Path jar) {
            this.name = Objects.requireNonNull(name, "name");
            this.jar = Objects.requireNonNull(jar, "jar");
        }

        /** The actuator port that readiness is polled on; 0 (the default) picks a free one. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        /**
         * Adds {@code --key=value} to the command line, in call order. {@code management.server.port} is added from
         * {@link #managementPort} unless given here.
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Adds a JVM option such as {@code -Dfoo=bar}. */
        public Builder jvmArg(String jvmArg) {
            jvmArgs.add(Objects.requireNonNull(jvmArg));
            return this;
        }

        /** The child's {@code -Xmx}, default {@code 384m}. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap);
            return this;
        }

        /** Sets an environment variable of the child. */
        public Builder environment(String key, String value) {
            environment.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Where output goes; default {@code <name>.log} in the working directory. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Upper bound for {@link ServiceProcess#start()}, default 180 s. */
        public Builder readinessTimeout(Duration readinessTimeout) {
            this.readinessTimeout = Objects.requireNonNull(readinessTimeout);
            return this;
        }

        /** A service that is not started yet, with its management port fixed. */
        public ServiceProcess build() {
            String given = properties.get("management.server.port");
            if (given != null) {
                int fromProperty = Integer.parseInt(given);
                if (managementPort > 0 && managementPort != fromProperty) {
                    throw new IllegalArgumentException("managementPort " + managementPort
                            + " contradicts --management.server.port=" + given);
                }
                managementPort = fromProperty;
            } else if (managementPort <= 0) {
                managementPort = Ports.freePort();
            }
            return new ServiceProcess(this);
        }

        /** Builds and starts the service. */
        public ServiceProcess start() {
            return build().start();
        }
    }
}
