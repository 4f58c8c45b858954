/**
 * Point in time: what the inventory looked like at any instant, for one resource, a site or a project, read from the
 * projections' version rows.
 */
package dev.twinledger.queryside.pointintime;
