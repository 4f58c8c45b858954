package dev.twinledger.projections.pointintime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Map;

/** Reads a version's stored {@code attributes} back into the snapshot record of its resource type. */
final class SnapshotJson {

    // Lenient about unknown properties: a version written by a newer build may carry attributes this one lacks.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<? extends ResourceSnapshot>> TYPES = Map.of(
            SiteSnapshot.TYPE, SiteSnapshot.class,
            ProjectSnapshot.TYPE, ProjectSnapshot.class,
            HostSnapshot.TYPE, HostSnapshot.class,
            VmSnapshot.TYPE, VmSnapshot.class,
            VolumeSnapshot.TYPE, VolumeSnapshot.class,
            ContainerSnapshot.TYPE, ContainerSnapshot.class);

    private SnapshotJson() {
    }

    /**
     * The snapshot stored as {@code json} for a resource of {@code type}.
     *
     * @throws IllegalStateException when the type is unknown or the JSON does not fit it (a bug in this projection)
     */
    static ResourceSnapshot read(String type, String json) {
        Class<? extends ResourceSnapshot> kind = TYPES.get(type);
        if (kind == null) {
            throw new IllegalStateException("inventory_versions holds unknown resource type '" + type + "'");
        }
        try {
            return JSON.readValue(json, kind);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inventory_versions holds attributes that are no " + type + ": " + json,
                    e);
        }
    }
}
