/** History queries: every event on any resource's stream, with who, when, why and the payload. */
package dev.twinledger.queryside.history;
