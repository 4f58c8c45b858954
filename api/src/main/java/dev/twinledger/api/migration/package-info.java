/**
 * Migrations of a VM: host to host within a site, site to site, and across platforms. A migration is a tracked
 * process on the VM's own stream (requested, in progress, then completed, failed or rolled back), so a VM's history
 * reads as one line across all its moves. The platforms execute migrations and report them through these commands.
 */
package dev.twinledger.api.migration;
