package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.FindHosts;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import dev.twinledger.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.twinledger.queryside.inventory.ApiDocs.blankToNull;

/** {@code /api/hosts}: hypervisor hosts, filtered and paged. */
@RestController
@RequestMapping("/api/hosts")
@Tag(name = "Hosts")
class HostController {

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    HostController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List hosts", description = "Filters combine with AND; ordered by id.")
    PageView<HostView> list(
            @Parameter(description = "Only hosts at this site") @RequestParam(required = false) String site,
            @Parameter(description = "Only hosts in this state") @RequestParam(required = false) HostState state,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findHosts(new FindHosts(blankToNull(site), state, page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One host", description = "404 when the read model does not know the id.")
    HostView get(@PathVariable String id,
                 @Parameter(description = ApiDocs.MIN_POSITION)
                 @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findHost(id).orElseThrow(() -> ApiException.notFound("No host with id '" + id + "'"));
    }
}
