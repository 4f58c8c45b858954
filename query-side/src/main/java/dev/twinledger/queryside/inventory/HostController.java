package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.Paging;
import dev.twinledger.queryside.web.SortOrder;
import dev.twinledger.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/hosts}: hypervisor hosts with their memory, filtered, sorted and paged; one host in detail. */
@RestController
@RequestMapping("/api/hosts")
@Tag(name = "Hosts")
class HostController {

    static final String SORT = "(-?(id|name|memoryMib|capacityMib|allocatedMib|freeMib|registeredAt))?";
    static final String SORT_MESSAGE = "must be one of id, name, memoryMib, capacityMib, allocatedMib, freeMib, "
            + "registeredAt, with a leading - for descending order";

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    HostController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List hosts",
            description = "Filters combine with AND; ordered by id unless sort says otherwise (ties by id).")
    PageView<HostView> list(
            @Parameter(description = "Only hosts at this site") @RequestParam(required = false) String site,
            @Parameter(description = "Only hosts at a site running this platform")
            @RequestParam(required = false) Platform platform,
            @Parameter(description = "Only hosts in this state") @RequestParam(required = false) HostState state,
            @Parameter(description = "true: only temporary capacity; false: only permanent hosts")
            @RequestParam(required = false) Boolean temporary,
            @Parameter(description = "id, name, memoryMib, capacityMib, allocatedMib, freeMib or registeredAt; "
                    + "prefix - for descending")
            @RequestParam(required = false) @Pattern(regexp = SORT, message = SORT_MESSAGE) String sort,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findHosts(new HostFilter(blankToNull(site), platform, state, temporary,
                SortOrder.parse(sort, SortOrder.BY_ID), page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One host",
            description = "Its memory, how many VMs it holds and its open capacity alert. 404 when the read model "
                    + "does not know the id.")
    HostDetailView get(@PathVariable String id,
                       @Parameter(description = ApiDocs.MIN_POSITION)
                       @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findHostDetail(id).orElseThrow(() -> ApiException.notFound("No host with id '" + id + "'"));
    }
}
