package dev.twinledger.queryside.inventory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.twinledger.queryside.capacity.AlertView;

/**
 * A host with what {@code GET /api/hosts/{id}} adds to the list's fields.
 *
 * @param host      the host itself with its memory, unwrapped
 * @param vmCount   VMs placed on it that are not decommissioned
 * @param openAlert its open capacity alert, or null
 */
public record HostDetailView(@JsonUnwrapped HostView host, long vmCount, AlertView openAlert) {
}
