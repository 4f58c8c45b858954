package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.queryside.web.ApiDocs.blankToNull;

/** {@code /api/vms}: virtual machines, filtered, sorted and paged; one VM with its relations. */
@RestController
@RequestMapping("/api/vms")
@Tag(name = "Virtual machines")
class VmController {

    static final String SORT = "(-?(id|name|memoryMib|provisionedAt))?";
    static final String SORT_MESSAGE = "must be one of id, name, memoryMib, provisionedAt, with a leading - for "
            + "descending order";
    static final String TAG = "([^=]+=.*)?";
    static final String TAG_MESSAGE = "must be key=value";

    private final InventoryQueries queries;
    private final ReadYourWrites readYourWrites;

    VmController(InventoryQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    @Operation(summary = "List virtual machines",
            description = "Filters combine with AND; ordered by id unless sort says otherwise (ties by id).")
    PageView<VmView> list(
            @Parameter(description = "Only VMs at this site") @RequestParam(required = false) String site,
            @Parameter(description = "Only VMs at a site running this platform")
            @RequestParam(required = false) Platform platform,
            @Parameter(description = "Only VMs of this project") @RequestParam(required = false) String project,
            @Parameter(description = "Only VMs in this environment")
            @RequestParam(required = false) Environment environment,
            @Parameter(description = "Only VMs in this state") @RequestParam(required = false) VmState state,
            @Parameter(description = "Only VMs on this host") @RequestParam(required = false) String host,
            @Parameter(description = "Only VMs with this tag, as key=value; repeat for several (all must match)")
            @RequestParam(required = false) List<@Pattern(regexp = TAG, message = TAG_MESSAGE) String> tag,
            @Parameter(description = "id, name, memoryMib or provisionedAt; prefix - for descending")
            @RequestParam(required = false) @Pattern(regexp = SORT, message = SORT_MESSAGE) String sort,
            @Parameter(description = ApiDocs.PAGE) @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = ApiDocs.SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = ApiDocs.MIN_POSITION) @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findVms(new VmFilter(blankToNull(site), platform, blankToNull(project), environment, state,
                blankToNull(host), tags(tag), SortOrder.parse(sort, SortOrder.BY_ID), page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One virtual machine with its relations",
            description = "Its host and site, project, attached volumes and every migration. 404 when the read "
                    + "model does not know the id.")
    VmDetailView get(@PathVariable String id,
                     @Parameter(description = ApiDocs.MIN_POSITION)
                     @RequestParam(required = false) @Min(0) Long minPosition) {
        readYourWrites.awaitIfRequested(minPosition);
        return queries.findVmDetail(id)
                .orElseThrow(() -> ApiException.notFound("No virtual machine with id '" + id + "'"));
    }

    /** {@code key=value} parameters as a map; the value may contain '=' and be empty, a blank parameter is none. */
    private static Map<String, String> tags(List<String> parameters) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (parameters != null) {
            for (String parameter : parameters) {
                if (parameter != null && !parameter.isBlank()) {
                    int equals = parameter.indexOf('=');
                    tags.put(parameter.substring(0, equals), parameter.substring(equals + 1));
                }
            }
        }
        return tags;
    }
}
