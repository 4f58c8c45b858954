package dev.twinledger.commandside.inventory.web;

import dev.twinledger.commandside.inventory.Tags;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Body of {@code PUT /api/vms/{id}/tags}: the VM's complete new set of tags (an empty object removes them all).
 *
 * @param tags at most 50; keys 1-100 letters, digits, '.', '_', '-', ':' or '/', starting with a letter or digit;
 *             values 1-100 characters without control characters
 */
public record RetagVmRequest(
        @Schema(example = "{\"tier\": \"web\", \"cost-center\": \"4711\"}")
        @NotNull @Size(max = Tags.MAX_TAGS)
        Map<@Pattern(regexp = Tags.KEY_REGEX, message = "tag keys must be 1-100 letters, digits, '.', '_', '-', ':'"
                + " or '/', starting with a letter or digit") String,
                @NotNull @Pattern(regexp = Tags.VALUE_REGEX, message = "tag values must be 1-100 characters without"
                        + " control characters") String> tags) {
}
