/** The evaluation engine: checks that explain themselves, what a principal can do, who can do what, the matrix. */
package dev.twinledger.policies.evaluation;
