package dev.twinledger.commandside.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/hosts/{id}/upgrade}.
 *
 * @param softwareVersion the platform software version now installed on the host
 */
public record MarkHostUpgradedRequest(
        @Schema(example = "2024.1") @NotBlank @Size(max = 200) String softwareVersion) {
}
