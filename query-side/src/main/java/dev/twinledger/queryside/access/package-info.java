/**
 * Access queries: checks, what a principal can do, who can do an action, the access matrix, at any past instant,
 * evaluated with the policies engine over the folded access history; grants, groups, roles, histories, reviews and
 * denied attempts from the access read model; and who may ask which of them.
 */
package dev.twinledger.queryside.access;
