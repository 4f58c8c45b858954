package dev.twinledger.queryside.migration;

import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;
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
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.stream.Collectors;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/migrations}: VM migrations as tracked processes. */
@RestController
@RequestMapping("/api/migrations")
@Tag(name = "Migrations")
class MigrationController {

    static final String SORT = "(-?requestedAt)?";

    private final MigrationQueries queries;
    private final ReadYourWrites readYourWrites;

    MigrationController(MigrationQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List migrations",
            description = "Filters combine with AND; in the order they were requested (sort=-requestedAt: newest "
                    + "first).")
    PageView<MigrationView> list(
            @Parameter(description = "Only this VM's migrations") @RequestParam(required = false) String vmId,
            @Parameter(description = "Only migrations in this state")
            @RequestParam(required = false) MigrationState state,
            @Parameter(description = "Only this upgrade campaign's migrations")
            @RequestParam(required = false) String campaignId,
            @Parameter(description = "Only migrations of this kind") @RequestParam(required = false) MigrationKind kind,
            @Parameter(description = "requestedAt (default) or -requestedAt")
            @RequestParam(required = false)
            @Pattern(regexp = SORT, message = "must be requestedAt or -requestedAt") String sort,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        boolean newestFirst = sort != null && sort.startsWith("-");
        return queries.find(new MigrationFilter(blankToNull(vmId), state, blankToNull(campaignId), kind, newestFirst,
                page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One migration",
            description = "A migration id is unique among one VM's migrations: when several VMs used the id, the "
                    + "answer is 409 naming them, and vmId picks one. 404 when the read model does not know it.")
    MigrationView get(@PathVariable String id,
                      @Parameter(description = "The VM, when several VMs used this migration id")
                      @RequestParam(required = false) String vmId,
                      @Parameter(description = ApiDocs.MIN_POSITION)
                      @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        List<MigrationView> found = queries.withId(id, blankToNull(vmId));
        if (found.isEmpty()) {
            throw ApiException.notFound("No migration with id '" + id + "'"
                    + (blankToNull(vmId) == null ? "" : " of VM '" + vmId + "'"));
        }
        if (found.size() > 1) {
            throw ApiException.conflict("Migration id '" + id + "' was used by several VMs ("
                    + found.stream().map(MigrationView::vmId).collect(Collectors.joining(", "))
                    + "); name one with vmId");
        }
        return found.get(0);
    }
}
