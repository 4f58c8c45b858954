/** The stack of real servers the end-to-end tests share, and a small HTTP client for the two APIs. */
package dev.twinledger.systemtests.support;
