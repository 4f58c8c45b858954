package dev.twinledger.queryside.capacity;

import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/capacity}: memory per host and per site. */
@RestController
@RequestMapping("/api/capacity")
@Tag(name = "Capacity")
class CapacityController {

    private final CapacityQueries queries;
    private final ReadYourWrites readYourWrites;

    CapacityController(CapacityQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/hosts")
    @Operation(summary = "Memory per host",
            description = "Physical, reserved, capacity (with overcommit), allocated and free memory in MiB of every "
                    + "host that is not decommissioned, with its open alert; ordered by host id.")
    PageView<HostCapacityView> hosts(
            @Parameter(description = "Only hosts at this site") @RequestParam(required = false) String siteId,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.hosts(blankToNull(siteId), page, size);
    }

    @GetMapping("/sites")
    @Operation(summary = "Memory per site",
            description = "The same sums over each site's hosts that are not decommissioned, and the free memory on "
                    + "active hosts alone; ordered by site id.")
    PageView<SiteCapacityView> sites(
            @Parameter(description = "Only this site") @RequestParam(required = false) String siteId,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.sites(blankToNull(siteId), page, size);
    }
}
