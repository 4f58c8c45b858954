/**
 * What every "as of an instant" answer shares: one reading of the instant parameter, and a resource's inventory
 * version valid at an instant, used by the point-in-time inventory and by access checks alike.
 */
package dev.twinledger.queryside.asof;
