package dev.twinledger.projections.config;

import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.projections.access.AccessProjection;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.projections.audit.AuditChainSealer;
import dev.twinledger.projections.audit.AuditChainVerifier;
import dev.twinledger.projections.audit.AuditLogProjection;
import dev.twinledger.projections.audit.AuditSealingSchedule;
import dev.twinledger.projections.audit.AuditSigningKey;
import dev.twinledger.projections.campaign.CampaignProjection;
import dev.twinledger.projections.capacity.CapacityProjection;
import dev.twinledger.projections.history.HistoryProjection;
import dev.twinledger.projections.inventory.InventoryProjection;
import dev.twinledger.projections.inventory.VolumeProjection;
import dev.twinledger.projections.migration.MigrationProjection;
import dev.twinledger.projections.pointintime.InventoryVersionProjection;
import dev.twinledger.projections.storage.ContainerProjection;
import dev.twinledger.projections.tracking.AppliedEventLog;
import dev.twinledger.projections.tracking.CommittedTokens;
import dev.twinledger.projections.tracking.ExistingTopicMessageSource;
import dev.twinledger.projections.tracking.KafkaTopicAdmin;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.projections.tracking.CatchUpLog;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the projections into a Spring Boot service that has a {@link DataSource} on the read database (migrated with
 * {@code classpath:db/projections}), its {@link PlatformTransactionManager}, and Axon's Spring Boot starter.
 * Import it from the service's configuration.
 *
 * <p>The Kafka beans carry the names and types the Axon Kafka extension's auto-configuration would otherwise create,
 * so they replace its defaults: consumption is configured from {@code twinledger.kafka.*} alone. The explicit JDBC
 * {@link TokenStore} keeps the extension's {@code KafkaTokenStore} out (trap 8).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProjectionsKafkaProperties.class, AuditProperties.class})
public class ProjectionsConfiguration {

    /** The wire format of the events topic, shared with the command side's publisher. */
    @Bean
    public EnvelopeKafkaMessageConverter kafkaMessageConverter() {
        return new EnvelopeKafkaMessageConverter();
    }

    /** Consumers for the tracking processors; they take no consumer group, Axon assigns all partitions itself. */
    @Bean("axonKafkaConsumerFactory")
    public ConsumerFactory<String, byte[]> axonKafkaConsumerFactory(ProjectionsKafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Positions live in the token table, committed with the read model; Kafka's offset commits would be a
        // second, disagreeing truth.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The extension seeks a partition the token has never read to offset 0. If retention has removed offset 0,
        // Kafka's default reset ("latest") would silently skip the partition's whole history.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Should the publisher ever write in Kafka transactions, aborted records must never reach a read model.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // While Kafka is down the client logs a WARN per reconnect attempt; cap the back-off at 10 s, not 1 s.
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return new DefaultConsumerFactory<>(config);
    }

    /** Polls Kafka for the open streams; a short poll timeout lets the processors shut down promptly. */
    @Bean(destroyMethod = "shutdown")
    public Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher() {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(1_000).build();
    }

    /** The events topic as an Axon streamable message source (one stream over all partitions). */
    @Bean
    public StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            ProjectionsKafkaProperties kafka, ConsumerFactory<String, byte[]> axonKafkaConsumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher, EnvelopeKafkaMessageConverter converter,
            Serializer serializer) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(kafka.topic()))
                .consumerFactory(axonKafkaConsumerFactory)
                .fetcher(kafkaFetcher)
                .messageConverter(converter)
                // Only to stop the builder from creating (and warning about) a default XStream serializer.
                .serializer(serializer)
                .build();
    }

    /**
     * Tokens in the read database, on the connection of the current Spring transaction, so that a processor's
     * token commits together with the rows its batch wrote (trap 8, trap 9).
     */
    @Bean
    public TokenStore tokenStore(DataSource dataSource, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .schema(TokenSchema.builder().build())
                .serializer(serializer)
                .build();
    }

    /** The applied-position bookkeeping shared by all projections. */
    @Bean
    public AppliedEventLog appliedEventLog(DataSource dataSource) {
        return new AppliedEventLog(dataSource);
    }

    /** Reads committed tokens without claiming them, for lag. */
    @Bean
    public CommittedTokens committedTokens(DataSource dataSource, Serializer serializer) {
        return new CommittedTokens(dataSource, serializer);
    }

    /** Bounded metadata calls about the events topic, for the topic check, lag and health. */
    @Bean
    public KafkaTopicAdmin kafkaTopicAdmin(ProjectionsKafkaProperties kafka) {
        return new KafkaTopicAdmin(kafka.bootstrapServers(), kafka.topic(), kafka.adminTimeout());
    }

    /** The inventory projection's handlers; Axon finds them through the bean's {@code @EventHandler} methods. */
    @Bean
    public InventoryProjection inventoryProjection(DataSource dataSource) {
        return new InventoryProjection(dataSource);
    }

    /** Volumes, in the same processor as the inventory. */
    @Bean
    public VolumeProjection volumeProjection(DataSource dataSource) {
        return new VolumeProjection(dataSource);
    }

    /** Host memory and capacity alerts, in the same processor as the inventory. */
    @Bean
    public CapacityProjection capacityProjection(DataSource dataSource) {
        return new CapacityProjection(dataSource);
    }

    /** Migrations and VM placement, in the same processor as the inventory. */
    @Bean
    public MigrationProjection migrationProjection(DataSource dataSource) {
        return new MigrationProjection(dataSource);
    }

    /** Object-storage containers, in the same processor as the inventory. */
    @Bean
    public ContainerProjection containerProjection(DataSource dataSource) {
        return new ContainerProjection(dataSource);
    }

    /** Upgrade campaigns, in the same processor as the inventory. */
    @Bean
    public CampaignProjection campaignProjection(DataSource dataSource) {
        return new CampaignProjection(dataSource);
    }

    /** Every resource's event history, in the same processor as the inventory. */
    @Bean
    public HistoryProjection historyProjection(DataSource dataSource) {
        return new HistoryProjection(dataSource);
    }

    /** Every inventory resource's state after each event of its stream, for point-in-time queries. */
    @Bean
    public InventoryVersionProjection inventoryVersionProjection(DataSource dataSource) {
        return new InventoryVersionProjection(dataSource);
    }

    /** The access read model (grants, groups, roles, reviews, denials), in the same processor as the inventory. */
    @Bean
    public AccessProjection accessProjection(DataSource dataSource) {
        return new AccessProjection(dataSource);
    }

    /** The audit log: every event, unsealed until the sealer links it into the chain. */
    @Bean
    public AuditLogProjection auditLogProjection(DataSource dataSource) {
        return new AuditLogProjection(dataSource);
    }

    /** The key checkpoints are signed with (ADR 14). */
    @Bean
    public CheckpointSigner auditCheckpointSigner(AuditProperties audit) {
        return AuditSigningKey.load(audit.signingKeyFile(), audit.generateKeyIfMissing());
    }

    /** Links audit rows into the hash chain in global order and signs checkpoints. */
    @Bean
    public AuditChainSealer auditChainSealer(DataSource dataSource, PlatformTransactionManager transactionManager,
                                             CheckpointSigner auditCheckpointSigner, AuditProperties audit) {
        return new AuditChainSealer(new JdbcTemplate(dataSource),
                new TransactionTemplate(transactionManager),
                auditCheckpointSigner, audit.sealBatchSize(), audit.checkpointEvery(), audit.checkpointInterval(),
                Clock.systemUTC());
    }

    /** Verifies the chain, trusting the signing key and the configured earlier keys, and nothing else. */
    @Bean
    public AuditChainVerifier auditChainVerifier(DataSource dataSource, PlatformTransactionManager transactionManager,
                                                 CheckpointSigner auditCheckpointSigner, AuditProperties audit) {
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        trusted.put(auditCheckpointSigner.keyId(), auditCheckpointSigner.publicKey());
        for (Path file : audit.trustedPublicKeyFiles()) {
            PublicKey key = AuditSigningKey.readPublicKey(file);
            trusted.put(SigningKeys.keyId(key), key);
        }
        return new AuditChainVerifier(new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager),
                trusted);
    }

    /** Runs the sealer in the background, unless {@code twinledger.audit.sealing=false}. */
    @Bean
    public AuditSealingSchedule auditSealingSchedule(AuditChainSealer auditChainSealer, AuditProperties audit) {
        return new AuditSealingSchedule(auditChainSealer, audit.sealInterval(), audit.sealing());
    }

    /**
     * How far the read-model processor has come: read-your-writes waits and lag. Every projection above runs in this
     * one processor, so a position it has applied is applied in every table.
     */
    @Bean
    public ProjectionProgress inventoryProgress(AppliedEventLog appliedEventLog, CommittedTokens committedTokens,
                                                KafkaTopicAdmin kafkaTopicAdmin) {
        return new ProjectionProgress(InventoryProjection.PROCESSOR, appliedEventLog, committedTokens,
                kafkaTopicAdmin);
    }

    /** Logs the read-model processor's catch-up every 10 s while it is far behind; silent when it keeps up. */
    @Bean(initMethod = "start", destroyMethod = "close")
    public CatchUpLog inventoryCatchUpLog(ProjectionProgress inventoryProgress) {
        return CatchUpLog.of(inventoryProgress, Duration.ofSeconds(10));
    }

    /** Registers the inventory projection's tracking processor on the events topic. */
    @Bean
    public ConfigurerModule inventoryProcessorModule(
            ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> source,
            ObjectProvider<KafkaTopicAdmin> topicAdmin, ObjectProvider<TokenStore> tokenStore,
            ObjectProvider<ProjectionProgress> inventoryProgress, ObjectProvider<AppliedEventLog> appliedEventLog,
            ObjectProvider<PlatformTransactionManager> transactionManager, ProjectionsKafkaProperties kafka) {
        // Providers, not beans: Axon collects configurer modules early, before these beans should be created.
        return configurer -> ProjectionProcessors.registerTracking(configurer.eventProcessing(),
                inventoryProgress.getObject(), appliedEventLog.getObject(),
                c -> new ExistingTopicMessageSource(source.getObject(), topicAdmin.getObject(), kafka.partitions(),
                        kafka.replicationFactor()),
                c -> tokenStore.getObject(),
                c -> new SpringTransactionManager(transactionManager.getObject()));
    }
}
