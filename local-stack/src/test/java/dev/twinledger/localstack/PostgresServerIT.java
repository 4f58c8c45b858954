package dev.twinledger.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both server kinds: whichever {@code startLocalOrEmbedded} picks on this machine, and the embedded one forced. */
class PostgresServerIT {

    @Test
    void localOrEmbeddedCreatesAndDropsADatabase() {
        try (PostgresServer server = PostgresServer.startLocalOrEmbedded(null)) {
            createUseAndDrop(server);
        }
    }

    @Test
    void embeddedServerKeepsItsDataDirectoryBetweenStarts() throws Exception {
        Path dataDir = KafkaBrokerIT.freshDir("postgres-it").resolve("data");
        String database = "it_" + UUID.randomUUID().toString().replace("-", "");
        long started = System.nanoTime();
        try (PostgresServer server = PostgresServer.startEmbedded(dataDir, null)) {
            System.out.printf("Embedded PostgreSQL first start (initdb) in %.1f s%n", (System.nanoTime() - started) / 1e9);
            assertThat(server.isEmbedded()).isTrue();
            try (Connection connection = server.connect("postgres");
                 ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
                version.next();
                assertThat(version.getString(1)).startsWith("16.");
            }
            server.createDatabase(database);
        }
        started = System.nanoTime();
        try (PostgresServer server = PostgresServer.startEmbedded(dataDir, null)) {
            System.out.printf("Embedded PostgreSQL restart in %.1f s%n", (System.nanoTime() - started) / 1e9);
            assertThat(server.databaseExists(database)).isTrue();
            createUseAndDrop(server);
        }
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        try (PostgresServer server = PostgresServer.startLocalOrEmbedded(null)) {
            assertThatThrownBy(() -> server.createDatabase("x\"; DROP DATABASE postgres; --"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void createUseAndDrop(PostgresServer server) {
        String database = "it_" + UUID.randomUUID().toString().replace("-", "");
        server.createDatabase(database);
        server.createDatabase(database);
        assertThat(server.databaseExists(database)).isTrue();
        assertThat(server.jdbcUrl(database)).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database);
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int)");
            statement.execute("INSERT INTO probe VALUES (1)");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        server.dropDatabase(database);
        assertThat(server.databaseExists(database)).isFalse();
        server.dropDatabase(database);
    }
}
