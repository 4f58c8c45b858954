package dev.twinledger.queryside.config;

import dev.twinledger.projections.config.ProjectionsConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The service's core wiring: the projections (Kafka consumers writing the read model) and Axon without an event
 * store.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Import(ProjectionsConfiguration.class)
@EnableConfigurationProperties({QueryProperties.class, SiteProperties.class})
public class QuerySideConfiguration {

    /**
     * A plain event bus. Its presence keeps Axon's JDBC auto-configuration from creating an event storage engine on
     * the read database: the event store belongs to the command side, this service only consumes Kafka.
     */
    @Bean
    public EventBus eventBus(Configuration axon) {
        return SimpleEventBus.builder().messageMonitor(axon.messageMonitor(EventBus.class, "eventBus")).build();
    }
}
