package dev.twinledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Keeps the local run's event store, read model and Kafka log one history. The read model stores Kafka offsets and
 * the global positions it applied; if one part is new (a fresh clone, a deleted {@code .run/kafka}, a dropped
 * database) while the others survive, positions and offsets refer to another history and the read model would
 * silently skip or miss events. So either all parts are kept, or all start empty together.
 */
final class LocalHistory {

    private LocalHistory() {
    }

    /**
     * Drops the databases and deletes the Kafka data directory unless both the directory and every database exist.
     *
     * @return true when something had survived and was reset (worth telling the user), false when everything was
     *         kept or everything was new anyway
     */
    static boolean reconcile(PostgresServer postgres, Path kafkaDataDir, String... databases) {
        boolean kafkaKept = Files.isDirectory(kafkaDataDir);
        boolean databasesKept = Arrays.stream(databases).allMatch(postgres::databaseExists);
        if (kafkaKept && databasesKept) {
            return false;
        }
        boolean anyDatabaseKept = Arrays.stream(databases).anyMatch(postgres::databaseExists);
        Arrays.stream(databases).forEach(postgres::dropDatabase);
        deleteRecursively(kafkaDataDir);
        return kafkaKept || anyDatabaseKept;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
