package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/volumes/{id}/attach}.
 *
 * @param vmId the VM to attach the volume to; must exist, not be decommissioned and run at the volume's site
 */
public record AttachVolumeRequest(
        @Schema(example = "vm-eproc-db-01") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
        String vmId) {
}
