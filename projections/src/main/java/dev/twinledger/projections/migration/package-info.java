/** Migrations of VMs as tracked processes, and where each VM runs after them. */
package dev.twinledger.projections.migration;
