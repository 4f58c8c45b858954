package dev.twinledger.commandside.config;

import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.commandside.authorization.CommandAuthorizer;
import dev.twinledger.commandside.authorization.CommandPermissions;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.commandside.authorization.EventStoreAccessLookup;
import dev.twinledger.commandside.authorization.EventStoreResourceLocator;
import dev.twinledger.commandside.authorization.JdbcStoredEvents;
import dev.twinledger.commandside.authorization.ResourceLocator;
import dev.twinledger.commandside.authorization.StoredEvents;
import dev.twinledger.commandside.command.StoredDeniedAttempts;
import dev.twinledger.support.security.DeniedAttemptRecorder;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * Authorization of commands against the access directory's grants: the directory folded from the event store, where
 * resources stand, what each command needs, and the recording of denials as events (including the realm-role
 * refusals of the security filter chain, replacing service-support's logging recorder).
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationConfig {

    @Bean
    StoredEvents storedEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new JdbcStoredEvents(jdbc, eventSerializer);
    }

    @Bean
    AccessLookup accessLookup(StoredEvents storedEvents) {
        return new EventStoreAccessLookup(storedEvents);
    }

    @Bean
    ResourceLocator resourceLocator(StoredEvents storedEvents) {
        return new EventStoreResourceLocator(storedEvents);
    }

    @Bean
    CommandPermissions commandPermissions() {
        return new CommandPermissions();
    }

    @Bean
    CommandAuthorizer commandAuthorizer(AccessLookup accessLookup, ResourceLocator resourceLocator,
                                        CommandPermissions commandPermissions) {
        return new CommandAuthorizer(accessLookup, resourceLocator, commandPermissions, Clock.systemUTC());
    }

    @Bean
    DenialRecorder denialRecorder(EventStore eventStore) {
        return new DenialRecorder(eventStore);
    }

    @Bean
    DeniedAttemptRecorder deniedAttemptRecorder(DenialRecorder denialRecorder, TwinledgerProperties properties) {
        return new StoredDeniedAttempts(denialRecorder, properties.siteId());
    }
}
