/** Migration queries: VM migrations as tracked processes, by VM, state, campaign and kind. */
package dev.twinledger.queryside.migration;
