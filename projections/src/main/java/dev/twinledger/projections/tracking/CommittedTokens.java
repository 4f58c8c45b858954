package dev.twinledger.projections.tracking;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * Reads a processor's committed tracking token straight from Axon's token table, without claiming it.
 * {@code TokenStore.fetchToken} would claim the segment and compete with the running processor; health checks must
 * only look.
 */
public class CommittedTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * @param dataSource the read database holding {@code tokenentry}
     * @param serializer the serializer the {@code TokenStore} writes tokens with
     */
    public CommittedTokens(DataSource dataSource, Serializer serializer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.serializer = serializer;
    }

    /** The committed token of one segment; empty when the segment has no row or a null token (nothing read yet). */
    public Optional<TrackingToken> committedToken(String processorName, int segment) {
        List<TrackingToken> tokens = jdbc.query(
                "SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND segment = ? AND token IS NOT NULL",
                (rs, row) -> deserialize(rs.getBytes(1), rs.getString(2)), processorName, segment);
        return tokens.stream().findFirst();
    }

    private TrackingToken deserialize(byte[] token, String type) {
        SerializedType serializedType = new SimpleSerializedType(type, null);
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, serializedType));
    }
}
