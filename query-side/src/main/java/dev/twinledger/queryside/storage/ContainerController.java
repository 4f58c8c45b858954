package dev.twinledger.queryside.storage;

import dev.twinledger.api.storage.ReplicaStatus;
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

/** {@code /api/containers}: object-storage containers with their replica policy and status per site. */
@RestController
@RequestMapping("/api/containers")
@Tag(name = "Object storage")
class ContainerController {

    private final ContainerQueries queries;
    private final ReadYourWrites readYourWrites;

    ContainerController(ContainerQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List containers",
            description = "Filters combine with AND; ordered by id; each with its replicas.")
    PageView<ContainerView> list(
            @Parameter(description = "Only containers of this project")
            @RequestParam(required = false) String project,
            @Parameter(description = "Only containers whose replica policy names this site")
            @RequestParam(required = false) String site,
            @Parameter(description = "Only containers with a replica in this status (at site, when given)")
            @RequestParam(required = false) ReplicaStatus status,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findContainers(new ContainerFilter(blankToNull(project), blankToNull(site), status, page,
                size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One container",
            description = "Its replica policy and, per site, the last reported status and when it was reported. "
                    + "404 when the read model does not know the id.")
    ContainerView get(@PathVariable String id,
                      @Parameter(description = ApiDocs.MIN_POSITION)
                      @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findContainer(id)
                .orElseThrow(() -> ApiException.notFound("No container with id '" + id + "'"));
    }
}
