package dev.twinledger.projections.testing;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth): created with a unique
 * name, dropped on {@link #close()}. One per test class keeps test classes independent of each other and of runs
 * that were killed half-way.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database named after {@code owner} plus a random suffix. */
    public static TestDatabase create(Class<?> owner) {
        String name = ("tl_" + owner.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    /** Creates a database and applies the projections' migrations to it. */
    public static TestDatabase createMigrated(Class<?> owner) {
        TestDatabase database = create(owner);
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/projections").load().migrate();
        return database;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return SERVER + name;
    }

    /** The user to connect as. */
    public String user() {
        return USER;
    }

    /** A non-pooling data source on the database. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        return dataSource;
    }

    @Override
    public void close() {
        // FORCE: a test that failed may have left connections (a processor, a pool) open.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the local PostgreSQL at " + SERVER, e);
        }
    }
}
