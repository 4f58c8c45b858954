package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every event the metadata listed in {@link EventMetadata}: the caller and request data the command carried
 * (see {@link RequestMetadata}), the site that handled it, and the command's own message id as causation id.
 *
 * <p>Registered as the only correlation data provider, so it also replaces Axon's default one, whose
 * {@code correlationId} key would otherwise collide with ours.
 */
public final class EventMetadataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(EventMetadata.ACTOR_SUBJECT, EventMetadata.ACTOR_USERNAME,
            EventMetadata.CORRELATION_ID, EventMetadata.REASON, EventMetadata.TICKET);

    private final String siteId;

    /** A provider stamping {@code siteId} as the handling site. */
    public EventMetadataProvider(String siteId) {
        this.siteId = siteId;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        // A command without a correlation id (not sent through the web edge) starts its own chain.
        data.putIfAbsent(EventMetadata.CORRELATION_ID, message.getIdentifier());
        data.put(EventMetadata.HANDLING_SITE, siteId);
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
