/** Read-your-writes: answering only once the read model has applied the event a caller names by its position. */
package dev.twinledger.queryside.consistency;
