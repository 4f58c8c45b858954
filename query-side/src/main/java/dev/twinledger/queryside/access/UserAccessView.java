package dev.twinledger.queryside.access;

import java.util.List;

/**
 * A user who may do the action asked about, and every path that allows it.
 *
 * @param user  the username
 * @param paths the grant paths, direct ones first
 */
public record UserAccessView(String user, List<GrantPathView> paths) {
}
