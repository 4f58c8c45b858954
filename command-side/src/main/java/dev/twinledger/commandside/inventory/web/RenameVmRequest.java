package dev.twinledger.commandside.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/vms/{id}/rename}.
 *
 * @param name the VM's new human-readable name
 */
public record RenameVmRequest(@Schema(example = "eproc-web-02") @NotBlank @Size(max = 200) String name) {
}
