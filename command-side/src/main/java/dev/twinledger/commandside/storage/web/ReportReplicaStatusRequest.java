package dev.twinledger.commandside.storage.web;

import dev.twinledger.api.storage.ReplicaStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/containers/{id}/replicas/{siteId}/status}.
 *
 * @param status the replica's status: IN_SYNC, LAGGING or MISSING (UNKNOWN is refused with 422: it means "not yet
 *               reported")
 * @param detail optional free text, e.g. how far behind the replica is
 */
public record ReportReplicaStatusRequest(
        @Schema(example = "LAGGING") @NotNull ReplicaStatus status,
        @Schema(example = "1240 objects behind", description = "Optional") @Size(max = 500) String detail) {
}
