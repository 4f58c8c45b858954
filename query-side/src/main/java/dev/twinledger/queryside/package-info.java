/** The query side: a REST API over this site's read models, fed from Kafka; it never sends commands. */
package dev.twinledger.queryside;
