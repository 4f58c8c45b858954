package dev.twinledger.commandside.config;

import dev.twinledger.commandside.campaign.CampaignModule;
import dev.twinledger.commandside.eventstore.SagaStoreSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upgrade campaign: its aggregate and process, the process state in PostgreSQL, and (through the db-scheduler
 * starter and Axon's auto-configuration of it) a {@code DbSchedulerDeadlineManager} whose deadlines live in the
 * {@code scheduled_tasks} table and so survive restarts. See ADR 9.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignConfig {

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return SagaStoreSchema.sagas();
    }

    /**
     * Declared explicitly so that Axon's auto-configured store, with its camelCase tables, never applies. Its
     * connections come from the Spring-managed data source, so saga state commits in the event's transaction.
     */
    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer,
                                SagaSqlSchema sagaSqlSchema) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(sagaSqlSchema)
                .serializer(serializer)
                .build();
    }

    @Bean
    ConfigurerModule campaignModule(SagaStore<Object> sagaStore) {
        return new CampaignModule(sagaStore);
    }
}
