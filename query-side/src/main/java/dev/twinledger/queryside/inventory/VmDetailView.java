package dev.twinledger.queryside.inventory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.twinledger.queryside.migration.MigrationView;

import java.util.List;

/**
 * A VM with its relations, answered by {@code GET /api/vms/{id}}: the VM's own fields at the top level (as in the
 * list), then what it relates to. A relation the read model does not hold yet is null.
 *
 * @param vm            the VM itself, unwrapped
 * @param host          the host it runs on
 * @param site          the site it runs at
 * @param projectDetail the project that owns it (the VM's {@code project} field is its id)
 * @param volumes       its attached volumes, in attach order
 * @param migrations    all its migrations, oldest first: its moves as one line
 */
public record VmDetailView(@JsonUnwrapped VmView vm, HostView host, SiteView site, ProjectView projectDetail,
                           List<VolumeView> volumes, List<MigrationView> migrations) {
}
