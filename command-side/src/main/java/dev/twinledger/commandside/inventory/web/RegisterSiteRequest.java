package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.Platform;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/sites}.
 *
 * @param id       the new site's id; unique across sites, hosts and VMs
 * @param name     human-readable name
 * @param platform the virtualization platform the site runs
 */
public record RegisterSiteRequest(
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "Data centre 1 (OpenStack)") @NotBlank @Size(max = 200) String name,
        @NotNull Platform platform) {
}
