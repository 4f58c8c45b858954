/** Errors as {@code application/problem+json} and the correlation id every request carries. */
package dev.twinledger.support.web;
