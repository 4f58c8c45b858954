/** Object-storage containers: their replica policy and the replica status reported per site. */
package dev.twinledger.projections.storage;
