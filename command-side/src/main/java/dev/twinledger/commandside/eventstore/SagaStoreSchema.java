package dev.twinledger.commandside.eventstore;

import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;

/**
 * Table and column names of the saga store, which Flyway owns ({@code db/migration/V2__sagas_and_deadlines.sql}).
 * Axon's defaults are camelCase ({@code SagaEntry}, {@code associationKey}); the schema is snake_case like V1's, and
 * this tells Axon so. Change a name here and in a new migration together.
 */
public final class SagaStoreSchema {

    public static final String SAGA_TABLE = "saga_entry";
    public static final String ASSOCIATION_TABLE = "association_value_entry";

    private SagaStoreSchema() {
    }

    /**
     * PostgreSQL's dialect: the serialized saga is {@code bytea}, and a saga is loaded {@code FOR UPDATE}, so a
     * deadline firing and an event arriving for the same saga wait for each other rather than overwrite each other.
     */
    public static SagaSqlSchema sagas() {
        PostgresSagaSqlSchema schema = new PostgresSagaSqlSchema(new SagaSchema.Builder()
                .sagaEntryTable(SAGA_TABLE)
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable(ASSOCIATION_TABLE)
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
        schema.setExclusiveLoad(true);
        return schema;
    }
}
