package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/volumes}.
 *
 * @param id      the new volume's id; optional, a UUID is generated when absent
 * @param name    human-readable name
 * @param siteId  the site that holds the volume; must exist
 * @param project the owning project; must be registered
 * @param sizeGib size in GiB, at least 1
 */
public record CreateVolumeRequest(
        @Schema(example = "vol-eproc-db-01", description = "Optional; a UUID is generated when absent")
        @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "eproc-db-data") @NotBlank @Size(max = 200) String name,
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
        @Schema(example = "e-procurement") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
        String project,
        @Schema(example = "500") @NotNull @Min(1) Long sizeGib) {
}
