package dev.twinledger.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run never pairs a read model with another history's Kafka log or event store. */
class LocalHistoryIT {

    private static PostgresServer postgres;
    private final String events = "tl_history_events_" + UUID.randomUUID().toString().substring(0, 8);
    private final String read = "tl_history_read_" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path runDir;
    private Path kafkaDir;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.startLocalOrEmbedded(null);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void kafkaDir() {
        kafkaDir = runDir.resolve("kafka");
    }

    @Test
    void everythingKeptIsLeftAlone() throws Exception {
        postgres.createDatabase(events);
        postgres.createDatabase(read);
        Files.createDirectories(kafkaDir.resolve("data"));
        try {
            assertThat(LocalHistory.reconcile(postgres, kafkaDir, events, read)).isFalse();

            assertThat(postgres.databaseExists(events)).isTrue();
            assertThat(postgres.databaseExists(read)).isTrue();
            assertThat(kafkaDir.resolve("data")).isDirectory();
        } finally {
            postgres.dropDatabase(events);
            postgres.dropDatabase(read);
        }
    }

    @Test
    void freshKafkaDataResetsTheDatabasesThatSurvived() {
        postgres.createDatabase(events);
        postgres.createDatabase(read);

        assertThat(LocalHistory.reconcile(postgres, kafkaDir, events, read)).isTrue();

        assertThat(postgres.databaseExists(events)).isFalse();
        assertThat(postgres.databaseExists(read)).isFalse();
    }

    @Test
    void aMissingDatabaseResetsTheKafkaDataAndTheOtherDatabase() throws Exception {
        postgres.createDatabase(read);
        Files.createDirectories(kafkaDir.resolve("data"));
        Files.writeString(kafkaDir.resolve("data/meta.properties"), "cluster.id=x");

        assertThat(LocalHistory.reconcile(postgres, kafkaDir, events, read)).isTrue();

        assertThat(kafkaDir).doesNotExist();
        assertThat(postgres.databaseExists(read)).isFalse();
    }

    @Test
    void aFirstRunHasNothingToReport() {
        assertThat(LocalHistory.reconcile(postgres, kafkaDir, events, read)).isFalse();
    }
}
