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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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

    private static final Logger log = LoggerFactory.getLogger(AuthorizationConfig.class);

    @Bean
    StoredEvents storedEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new JdbcStoredEvents(jdbc, eventSerializer);
    }

    @Bean
    AccessLookup accessLookup(StoredEvents storedEvents) {
        return new EventStoreAccessLookup(storedEvents);
    }

    /**
     * Folds the directory once the service is up, so the first command does not pay for the whole history (the fold
     * grows with the square of the directory's events, see ADR 11). A failure only delays that to the first command.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> accessLookupWarmUp(AccessLookup accessLookup) {
        return ready -> {
            long started = System.nanoTime();
            try {
                long position = accessLookup.current().position();
                log.debug("access directory folded up to position {} in {} ms", position,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("could not fold the access directory at start-up; the first command will: {}", e.toString());
            }
        };
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
