package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/vms/{id}/migrations}.
 *
 * @param targetHostId the host to move the VM to; must exist, be ACTIVE, not be the VM's host and have its memory free
 * @param migrationId  the new migration's id; optional, a UUID is generated when absent
 */
public record RequestMigrationRequest(
        @Schema(example = "dc1-hv-07") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
        String targetHostId,
        @Schema(example = "mig-2021-0001", description = "Optional; a UUID is generated when absent")
        @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String migrationId) {
}
