package dev.twinledger.commandside.config;

import dev.twinledger.commandside.access.AccessAggregates;
import dev.twinledger.commandside.access.AccessDirectoryBootstrap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The access directory: its aggregate, and its creation at first start from {@link AccessProperties}. */
@Configuration(proxyBeanMethods = false)
public class AccessConfig {

    @Bean
    ConfigurerModule accessAggregates() {
        return new AccessAggregates();
    }

    @Bean
    AccessDirectoryBootstrap accessDirectoryBootstrap(CommandGateway commands, EventStore eventStore,
                                                      AccessProperties access) {
        return new AccessDirectoryBootstrap(commands, eventStore, access.bootstrapAdmins(),
                access.privilegedRoles());
    }

    /** Runs once the application (and Axon) is ready, before the readiness probe reports it ready to serve. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> accessDirectoryInitializer(AccessDirectoryBootstrap bootstrap) {
        return event -> bootstrap.initializeIfAbsent();
    }
}
