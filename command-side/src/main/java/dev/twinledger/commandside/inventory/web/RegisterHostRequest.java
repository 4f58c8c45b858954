package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/hosts}. The memory the host offers to VMs is
 * {@code floor((memoryMib - reservedMemoryMib) * overcommitRatio)}.
 *
 * @param id                the new host's id; unique across sites, hosts and VMs
 * @param siteId            the site the host stands in; must exist
 * @param name              human-readable name, e.g. the hostname
 * @param cpuCores          physical CPU cores
 * @param memoryMib         physical memory in MiB
 * @param reservedMemoryMib memory kept for the hypervisor, in MiB; below {@code memoryMib} (else 422); default 0
 * @param overcommitRatio   memory overcommit, 1.0 to 4.0; default 1.0 (none)
 * @param temporary         whether the host is temporary capacity; default false
 */
public record RegisterHostRequest(
        @Schema(example = "dc1-hv-01") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
        @Schema(example = "hv01.dc1.example") @NotBlank @Size(max = 200) String name,
        @Schema(example = "64") @NotNull @Positive Integer cpuCores,
        @Schema(example = "524288") @NotNull @Positive Long memoryMib,
        @Schema(example = "16384", defaultValue = "0") @PositiveOrZero Long reservedMemoryMib,
        @Schema(example = "1.5", defaultValue = "1.0") @DecimalMin("1.0") @DecimalMax("4.0") Double overcommitRatio,
        @Schema(defaultValue = "false") Boolean temporary) {

    /** Fills in the defaults of the optional fields. */
    public RegisterHostRequest {
        reservedMemoryMib = reservedMemoryMib == null ? 0L : reservedMemoryMib;
        overcommitRatio = overcommitRatio == null ? 1.0 : overcommitRatio;
        temporary = temporary != null && temporary;
    }
}
