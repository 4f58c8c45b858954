package dev.twinledger.commandside.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code POST /api/vms/{id}/resize}: the VM's new size.
 *
 * @param vcpus     virtual CPUs
 * @param memoryMib memory in MiB; growth must be free on the VM's host
 */
public record ResizeVmRequest(
        @Schema(example = "8") @NotNull @Positive Integer vcpus,
        @Schema(example = "16384") @NotNull @Positive Long memoryMib) {
}
