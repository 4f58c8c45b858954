/** The REST endpoints that create object-storage containers, change their replica policy and report replica status. */
package dev.twinledger.commandside.storage.web;
