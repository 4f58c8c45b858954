/** Health of what feeds the read model: Kafka reachability and the inventory projection's progress and lag. */
package dev.twinledger.queryside.health;
