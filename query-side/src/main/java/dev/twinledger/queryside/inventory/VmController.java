package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.FindVms;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmState;
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

/** {@code /api/vms}: virtual machines, filtered and paged. */
@RestController
@RequestMapping("/api/vms")
@Tag(name = "Virtual machines")
class VmController {

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    VmController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List virtual machines", description = "Filters combine with AND; ordered by id.")
    PageView<VmView> list(
            @Parameter(description = "Only VMs at this site") @RequestParam(required = false) String site,
            @Parameter(description = "Only VMs of this project") @RequestParam(required = false) String project,
            @Parameter(description = "Only VMs in this environment")
            @RequestParam(required = false) Environment environment,
            @Parameter(description = "Only VMs in this state") @RequestParam(required = false) VmState state,
            @Parameter(description = "Only VMs on this host") @RequestParam(required = false) String host,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        FindVms filter = new FindVms(blankToNull(site), blankToNull(project), environment, state, blankToNull(host),
                page, size);
        return queries.findVms(filter);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One virtual machine", description = "404 when the read model does not know the id.")
    VmView get(@PathVariable String id,
               @Parameter(description = ApiDocs.MIN_POSITION)
               @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findVm(id).orElseThrow(() -> ApiException.notFound("No virtual machine with id '" + id + "'"));
    }
}
