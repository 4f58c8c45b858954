package dev.twinledger.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the query side. All wiring lives in {@code dev.twinledger.queryside.config}. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon prints a multi-line advertisement for its console at INFO otherwise; keep start-up logs quiet.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
