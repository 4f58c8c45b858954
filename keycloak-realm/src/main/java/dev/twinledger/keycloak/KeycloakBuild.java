package dev.twinledger.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs {@code kc.sh build} at most once per installation. A marker file records a finished build; a file lock makes
 * concurrent first starts (several test JVMs) wait for one build instead of corrupting {@code lib/quarkus}.
 */
final class KeycloakBuild {

    private static final String MARKER = ".twinledger-built";
    private static final String LOCK = ".twinledger-build.lock";
    // A JVM may not hold two FileLocks on one file, so threads of this JVM queue here first.
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private KeycloakBuild() {
    }

    static void ensureBuilt(Path home, Path log) throws IOException {
        if (isBuilt(home)) {
            return;
        }
        IN_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(home.resolve(LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (isBuilt(home)) {
                return;
            }
            Files.deleteIfExists(home.resolve(MARKER));
            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin/kc.sh").toString());
            command.addAll(List.of(KeycloakServer.BUILD_ARGS.split(" ")));
            Files.writeString(log, "=== " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            KeycloakServer.configureEnvironment(builder.environment());
            Process process = builder.start();
            boolean finished = process.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish within 10 minutes; see " + log);
            }
            if (process.exitValue() != 0 || !persistedConfigMatches(home)) {
                throw new IllegalStateException("kc.sh build failed with status " + process.exitValue()
                        + "; see " + log + "\n" + KeycloakServer.tail(log, 15));
            }
            Files.writeString(home.resolve(MARKER), KeycloakServer.BUILD_ARGS + System.lineSeparator());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building Keycloak", e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * The marker alone is not trusted: a re-unpacked distribution keeps an old marker but loses the build, which
     * lives in {@code lib/quarkus}. Both must agree.
     */
    private static boolean isBuilt(Path home) {
        Path marker = home.resolve(MARKER);
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker).strip().equals(KeycloakServer.BUILD_ARGS)
                    && persistedConfigMatches(home);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean persistedConfigMatches(Path home) {
        Path generated = home.resolve("lib/quarkus/generated-bytecode.jar");
        if (!Files.isRegularFile(generated)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(generated.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/keycloak-persisted.properties");
            if (entry == null) {
                return false;
            }
            Properties persisted = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                persisted.load(in);
            }
            return "dev-file".equals(persisted.getProperty("kc.db"))
                    && "true".equals(persisted.getProperty("kc.health-enabled"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
