package dev.twinledger.queryside.capacity;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/alerts}: capacity alerts, open by default. */
@RestController
@RequestMapping("/api/alerts")
@Tag(name = "Capacity")
class AlertController {

    static final String STATE = "(?i)(open|cleared|all)?";

    private final CapacityQueries queries;
    private final ReadYourWrites readYourWrites;

    AlertController(CapacityQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "Capacity alerts",
            description = "Raised when a host's allocated memory crosses a threshold, cleared when it drops back. "
                    + "Newest raised first.")
    PageView<AlertView> list(
            @Parameter(description = "open (default), cleared or all")
            @RequestParam(required = false) @Pattern(regexp = STATE, message = "must be open, cleared or all")
            String state,
            @Parameter(description = "Only alerts of hosts at this site")
            @RequestParam(required = false) String siteId,
            @Parameter(description = "Only this host's alerts") @RequestParam(required = false) String hostId,
            @Parameter(description = "Only alerts of this severity")
            @RequestParam(required = false) AlertSeverity severity,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.alerts(new AlertFilter(stateColumn(state), blankToNull(siteId), blankToNull(hostId), severity,
                page, size));
    }

    /** The state column's value for the parameter: OPEN, CLEARED, or null for all. */
    private static String stateColumn(String state) {
        String value = blankToNull(state);
        if (value == null) {
            return "OPEN";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        return "ALL".equals(upper) ? null : upper;
    }
}
