/** Test doubles for what the query side talks to in production but tests cannot start: the token issuer. */
package dev.twinledger.queryside.testing;
