/** Object-storage queries: containers, their replica policy and the replica status per site. */
package dev.twinledger.queryside.storage;
