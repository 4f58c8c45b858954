package dev.twinledger.queryside.history;

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

/** {@code /api/resources/{id}/history}: every event on a resource's stream. */
@RestController
@RequestMapping("/api/resources")
@Tag(name = "History")
class HistoryController {

    private final HistoryQueries queries;
    private final ReadYourWrites readYourWrites;

    HistoryController(HistoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "A resource's history",
            description = "Every event on the stream of the site, host, VM, volume, project, container or campaign "
                    + "with this id, oldest first: type, position, time, actor, correlation id, reason, ticket and "
                    + "payload. A VM's migrations are on its own stream, so its history reads as one line across "
                    + "its moves. 404 when the read model holds no event for the id.")
    PageView<HistoryEntryView> history(
            @PathVariable String id,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        PageView<HistoryEntryView> history = queries.history(id, page, size);
        if (history.totalItems() == 0) {
            throw ApiException.notFound("No events for a resource with id '" + id + "'");
        }
        return history;
    }
}
