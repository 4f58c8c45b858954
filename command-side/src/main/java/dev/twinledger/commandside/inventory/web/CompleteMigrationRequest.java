package dev.twinledger.commandside.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/vms/{id}/migrations/{migrationId}/complete}; the body itself is optional.
 *
 * @param newPlatformId the VM's id on the target platform: required for a cross-platform migration (else 422),
 *                      optional otherwise (the VM keeps its platform id)
 */
public record CompleteMigrationRequest(
        @Schema(example = "vm-4711", description = "Required for a cross-platform migration")
        @Pattern(regexp = "^\\S.*$", message = "must not be blank when given") @Size(max = 200) String newPlatformId) {
}
