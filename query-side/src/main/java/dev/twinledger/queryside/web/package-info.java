/** Shapes shared by the query endpoints: pages of results. */
package dev.twinledger.queryside.web;
