package dev.twinledger.commandside.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

/**
 * A uniquely named database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust auth), created for
 * one test class and dropped by {@link #close()}. The service's own Flyway migration builds the schema in it.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String name;
    private final JdbcTemplate jdbc;

    private TestDatabase(String name) {
        this.name = name;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url(), USER, ""));
    }

    /** Creates {@code cs_it_<purpose>_<random>}; {@code purpose} is letters and digits only. */
    public static TestDatabase create(String purpose) {
        String name = "cs_it_" + purpose.toLowerCase() + "_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 10);
        admin().execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    /** The JDBC URL of this database. */
    public String url() {
        return SERVER + name;
    }

    /** Direct SQL access, for checking what the service stored. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Drops the database, ending any connection still open to it. */
    @Override
    public void close() {
        admin().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static JdbcTemplate admin() {
        return new JdbcTemplate(new DriverManagerDataSource(SERVER + "postgres", USER, ""));
    }
}
