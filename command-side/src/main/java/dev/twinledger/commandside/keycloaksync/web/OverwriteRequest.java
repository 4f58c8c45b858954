package dev.twinledger.commandside.keycloaksync.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/access/keycloak-sync/overwrites}: the drift item to overwrite.
 *
 * @param group    the drift item's group id
 * @param username the drift item's username; omitted for a drift of the whole group
 */
public record OverwriteRequest(
        @Schema(example = "db-oncall") @NotNull @Pattern(regexp = ResourceIds.REGEX,
                message = "must be a group id (1-64 of A-Za-z0-9._-)") String group,
        @Schema(example = "alice") @Size(min = 1, max = 255) String username) {
}
