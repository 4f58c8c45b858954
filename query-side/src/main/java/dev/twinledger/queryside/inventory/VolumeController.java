package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
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

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/volumes}: block-storage volumes, filtered and paged. */
@RestController
@RequestMapping("/api/volumes")
@Tag(name = "Volumes")
class VolumeController {

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    VolumeController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List volumes", description = "Filters combine with AND; ordered by id.")
    PageView<VolumeView> list(
            @Parameter(description = "Only volumes at this site") @RequestParam(required = false) String site,
            @Parameter(description = "Only volumes of this project") @RequestParam(required = false) String project,
            @Parameter(description = "Only volumes in this state") @RequestParam(required = false) VolumeState state,
            @Parameter(description = "Only volumes attached to this VM") @RequestParam(required = false) String vm,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findVolumes(new VolumeFilter(blankToNull(site), blankToNull(project), state, blankToNull(vm),
                page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One volume", description = "404 when the read model does not know the id.")
    VolumeView get(@PathVariable String id,
                   @Parameter(description = ApiDocs.MIN_POSITION)
                   @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findVolume(id).orElseThrow(() -> ApiException.notFound("No volume with id '" + id + "'"));
    }
}
