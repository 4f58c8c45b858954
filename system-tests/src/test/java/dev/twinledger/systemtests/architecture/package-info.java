/** ArchUnit rules that keep the module boundaries of DESIGN.md. */
package dev.twinledger.systemtests.architecture;
