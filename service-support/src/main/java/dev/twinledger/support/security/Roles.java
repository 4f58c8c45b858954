package dev.twinledger.support.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * The Keycloak realm roles and the coarse rights they carry until grant-based authorization lands: viewer reads,
 * operator also provisions, platform-admin also registers sites and hosts. Access-admin and auditor read.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ACCESS_ADMIN = "access-admin";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }

    /** The implication between roles: a higher role holds every right of the roles under it. */
    public static RoleHierarchy hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(PLATFORM_ADMIN).implies(OPERATOR)
                .role(OPERATOR).implies(VIEWER)
                .role(ACCESS_ADMIN).implies(VIEWER)
                .role(AUDITOR).implies(VIEWER)
                .build();
    }
}
