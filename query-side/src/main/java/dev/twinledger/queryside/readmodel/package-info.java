/** Reading the projections' tables: filters, pages and column conversions every feature's queries share. */
package dev.twinledger.queryside.readmodel;
