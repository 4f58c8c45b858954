/**
 * The export file of the audit record (format {@code twinledger-audit-export/1}), in JSON Lines or CSV: its lines
 * ({@link dev.twinledger.auditformat.export.ExportLine}), their writers and readers
 * ({@link dev.twinledger.auditformat.export.ExportFormat}), and its verification
 * ({@link dev.twinledger.auditformat.export.ExportVerifier}). The service writes exports with these classes and the
 * offline verifier reads them with the same ones, so both formats mean exactly one thing. docs/audit-format.md
 * describes the format for other implementations.
 */
package dev.twinledger.auditformat.export;
