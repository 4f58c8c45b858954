/** The access directory's REST commands: roles, groups, grants, approvals, revocations and access reviews. */
package dev.twinledger.commandside.access.web;
