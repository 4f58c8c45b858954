package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.Environment;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/vms}.
 *
 * @param id          the new VM's id; optional, a UUID is generated when absent
 * @param name        human-readable name
 * @param siteId      the site the VM runs at; must exist
 * @param hostId      the host the VM runs on; must exist, be ACTIVE and stand in {@code siteId}
 * @param project     the id of the project that owns the VM; must be registered
 * @param environment the environment the VM belongs to
 * @param vcpus       virtual CPUs
 * @param memoryMib   memory in MiB; must be free on the host
 * @param platformId  the VM's id on its platform (OpenStack server UUID, VMware managed object id); optional
 */
public record ProvisionVmRequest(
        @Schema(example = "vm-eproc-web-01", description = "Optional; a UUID is generated when absent")
        @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "eproc-web-01") @NotBlank @Size(max = 200) String name,
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
        @Schema(example = "dc1-hv-01") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String hostId,
        @Schema(example = "e-procurement") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
        String project,
        @NotNull Environment environment,
        @Schema(example = "4") @NotNull @Positive Integer vcpus,
        @Schema(example = "8192") @NotNull @Positive Long memoryMib,
        @Schema(example = "6f1c2a4e-8d7b-4f0e-9a35-1b2c3d4e5f60", description = "Optional")
        @Pattern(regexp = "^\\S.*$", message = "must not be blank when given") @Size(max = 200) String platformId) {
}
