package dev.twinledger.commandside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Twinledger command side: REST command API, Axon aggregates, event store on PostgreSQL, publishing to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** Starts the service; every setting has a local default (see the module README). */
    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
