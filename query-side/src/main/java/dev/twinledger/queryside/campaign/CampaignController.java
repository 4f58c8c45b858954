package dev.twinledger.queryside.campaign;

import dev.twinledger.api.campaign.CampaignState;
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

/** {@code /api/campaigns}: zero-downtime upgrade campaigns and their progress. */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Upgrade campaigns")
class CampaignController {

    private final CampaignQueries queries;
    private final ReadYourWrites readYourWrites;

    CampaignController(CampaignQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List campaigns", description = "Filters combine with AND; ordered by id.")
    PageView<CampaignView> list(
            @Parameter(description = "Only campaigns at this site") @RequestParam(required = false) String siteId,
            @Parameter(description = "Only campaigns in this state")
            @RequestParam(required = false) CampaignState state,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findCampaigns(blankToNull(siteId), state, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One campaign with its progress",
            description = "Progress counters, every host's phase, every failed move and, once completed, the "
                    + "report. 404 when the read model does not know the id.")
    CampaignDetailView get(@PathVariable String id,
                           @Parameter(description = ApiDocs.MIN_POSITION)
                           @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findCampaign(id).orElseThrow(() -> ApiException.notFound("No campaign with id '" + id + "'"));
    }
}
