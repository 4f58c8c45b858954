/** The offline verifier's command line: {@link dev.twinledger.auditformat.cli.VerifyExport}. */
package dev.twinledger.auditformat.cli;
