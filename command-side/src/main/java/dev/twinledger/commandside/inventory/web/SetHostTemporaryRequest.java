package dev.twinledger.commandside.inventory.web;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/hosts/{id}/temporary}.
 *
 * @param temporary true to mark the host as temporary capacity, false to mark it permanent
 */
public record SetHostTemporaryRequest(@NotNull Boolean temporary) {
}
