package dev.twinledger.commandside.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/vms/{id}/migrations/{migrationId}/fail} and {@code .../rollback}.
 *
 * @param reason why the migration failed or was rolled back; recorded on the event
 */
public record MigrationOutcomeRequest(
        @Schema(example = "target host lost its storage network") @NotBlank @Size(max = 500) String reason) {
}
