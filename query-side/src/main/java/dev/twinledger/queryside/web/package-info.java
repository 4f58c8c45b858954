/** What the query endpoints share at the web edge: pages of results, sort orders, parameter texts. */
package dev.twinledger.queryside.web;
