package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/hosts}.
 *
 * @param id        the new host's id; unique across sites, hosts and VMs
 * @param siteId    the site the host stands in; must exist
 * @param name      human-readable name, e.g. the hostname
 * @param cpuCores  physical CPU cores
 * @param memoryMib physical memory in MiB
 */
public record RegisterHostRequest(
        @Schema(example = "dc1-hv-01") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
        @Schema(example = "hv01.dc1.example") @NotBlank @Size(max = 200) String name,
        @Schema(example = "64") @NotNull @Positive Integer cpuCores,
        @Schema(example = "524288") @NotNull @Positive Long memoryMib) {
}
