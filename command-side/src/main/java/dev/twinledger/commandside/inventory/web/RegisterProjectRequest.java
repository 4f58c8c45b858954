package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/projects}.
 *
 * @param id          the new project's id; unique across every resource; what VMs, volumes and containers name as
 *                    their {@code project}
 * @param name        human-readable name
 * @param description optional free text
 */
public record RegisterProjectRequest(
        @Schema(example = "e-procurement") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "National e-procurement platform") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Tenders, bids and contract awards", description = "Optional")
        @Size(max = 500) String description) {
}
