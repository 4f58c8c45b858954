package dev.twinledger.commandside.alerting.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.commandside.alerting.AlertDeliveryStore;
import dev.twinledger.commandside.alerting.DeliveryChannel;
import dev.twinledger.commandside.alerting.DeliveryFilter;
import dev.twinledger.commandside.alerting.DeliveryPage;
import dev.twinledger.commandside.alerting.DeliveryState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/alert-deliveries}: the command side's own alert outbox, newest first, so operators see what each
 * subscriber got, what is still being retried and what gave up. Needs realm role operator (see
 * {@code SecurityConfig}). This reads the command side's table, not a read model: see ADR 7.
 */
@RestController
@RequestMapping(path = "/api/alert-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Alert deliveries")
@ApiResponse(responseCode = "400", description = "A malformed filter or paging parameter")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks realm role operator")
public class AlertDeliveryController {

    /** Largest page. */
    static final int MAX_SIZE = 200;

    private final AlertDeliveryStore store;

    public AlertDeliveryController(AlertDeliveryStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "List alert deliveries",
            description = "Filters combine with AND; newest first. Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "One page of deliveries")
    public DeliveryPage list(
            @Parameter(description = "Only deliveries in this state")
            @RequestParam(required = false) DeliveryState state,
            @Parameter(description = "Only deliveries to this webhook subscriber (or, for KAFKA, this topic)")
            @RequestParam(required = false) @Pattern(regexp = ResourceIds.REGEX,
                    message = "must be a subscriber name or topic (1-64 of A-Za-z0-9._-)") String subscriber,
            @Parameter(description = "Only deliveries over this channel")
            @RequestParam(required = false) DeliveryChannel channel,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Page size, 1 to " + MAX_SIZE)
            @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_SIZE) int size) {
        return store.find(new DeliveryFilter(state, subscriber, channel, page, size));
    }
}
