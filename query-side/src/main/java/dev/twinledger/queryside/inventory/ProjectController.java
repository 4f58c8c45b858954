package dev.twinledger.queryside.inventory;

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

/** {@code /api/projects}: the projects (tenants) that own workloads. */
@RestController
@RequestMapping("/api/projects")
@Tag(name = "Projects")
class ProjectController {

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    ProjectController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List projects", description = "Ordered by id.")
    PageView<ProjectView> list(
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findProjects(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One project", description = "404 when the read model does not know the id.")
    ProjectView get(@PathVariable String id,
                    @Parameter(description = ApiDocs.MIN_POSITION)
                    @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findProject(id).orElseThrow(() -> ApiException.notFound("No project with id '" + id + "'"));
    }
}
