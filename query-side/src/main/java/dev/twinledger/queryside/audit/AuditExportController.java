package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportLine;
import dev.twinledger.queryside.consistency.ReadYourWrites;
import dev.twinledger.queryside.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/audit/export}: the audit log for a query, streamed as JSON Lines or CSV with the hashes and signed
 * checkpoints that let it be verified offline ({@link AuditExport}). Parameters, the auditor realm role and
 * audit:read are checked before the first byte, so a refusal is an ordinary problem+json answer; once streaming has
 * begun, a failure can only cut the file short, which its missing footer shows to any reader.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditExportController {

    private static final Logger log = LoggerFactory.getLogger(AuditExportController.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditExport export;
    private final AuditScopes scopes;
    private final AuditGate gate;
    private final AuditAccessLog accessLog;
    private final ReadYourWrites readYourWrites;

    AuditExportController(AuditExport export, AuditScopes scopes, AuditGate gate, AuditAccessLog accessLog,
                          ReadYourWrites readYourWrites) {
        this.export = export;
        this.scopes = scopes;
        this.gate = gate;
        this.accessLog = accessLog;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/export")
    @Operation(summary = "Export the audit log for offline verification",
            description = "The entries the filters select (the same filters as /api/audit/events), streamed without "
                    + "a size limit, with the chain segment around them (other entries as links: digest and hashes "
                    + "only) and the signed checkpoints that bound it, a header (query, anchor checkpoint, the "
                    + "service's public keys) and a footer (counts; matching entries not sealed yet, left out). "
                    + "format=jsonl (application/x-ndjson, default) or csv (text/csv). Verify it with "
                    + "twinledger-audit-verify.jar. Same audit:read rule as the events list.")
    @Parameters({
            @Parameter(name = "format", in = ParameterIn.QUERY, description = "jsonl (default) or csv",
                    schema = @Schema(allowableValues = {"jsonl", "csv"})),
            @Parameter(name = "resource", in = ParameterIn.QUERY, description = AuditController.RESOURCE),
            @Parameter(name = "actor", in = ParameterIn.QUERY, description = AuditController.ACTOR),
            @Parameter(name = "type", in = ParameterIn.QUERY, description = AuditController.TYPE),
            @Parameter(name = "site", in = ParameterIn.QUERY, description = AuditController.SITE),
            @Parameter(name = "from", in = ParameterIn.QUERY, description = AuditController.FROM,
                    schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = AuditController.TO,
                    schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "correlationId", in = ParameterIn.QUERY, description = AuditController.CORRELATION),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY, description = ApiDocs.MIN_POSITION,
                    schema = @Schema(type = "integer", format = "int64"))})
    ResponseEntity<StreamingResponseBody> export(Authentication authentication, HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            List<String> known = new ArrayList<>(AuditParameters.FILTERS);
            known.add("format");
            known.add("minPosition");
            AuditParameters parameters = AuditParameters.of(http, known);
            AuditFilter filter = parameters.filter();
            ExportFormat format = format(parameters);
            Long minPosition = parameters.position("minPosition");
            parameters.validate();
            readYourWrites.awaitIfRequested(minPosition);
            AuditScope scope = call.scope(scopes.of(filter));
            gate.require(call.request(), scope, "An export of " + AuditController.question(filter)
                    .replaceFirst("^The", "the"), http);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Map<String, String> query = new LinkedHashMap<>(filter.given());
            StreamingResponseBody body = out -> stream(call, filter, query, format, out, now);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(format.contentType() + ";charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("twinledger-audit-" + FILE_TIME.format(now) + "." + format.extension())
                            .build().toString())
                    .body(body);
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    private void stream(AuditCall call, AuditFilter filter, Map<String, String> query, ExportFormat format,
                        OutputStream out, Instant now) {
        try {
            // The servlet stream is Spring's to flush and close after this returns.
            ExportLine.Footer footer = export.write(filter, query, format, StreamUtils.nonClosing(out), now);
            call.allowed(footer, "exported " + footer.entries() + " entries, " + footer.links() + " links, "
                    + footer.checkpoints() + " checkpoints as " + format.extension() + "; "
                    + footer.unsealedNotExported() + " matching entries not sealed yet");
        } catch (RuntimeException e) {
            // The status and headers are sent: nothing can be answered any more. The file lacks its footer, which
            // every reader of the format reports; the break is logged and recorded.
            log.warn("audit export for {} broke off: {}", call.request().caller().username(), e.toString());
            call.failed(e);
        }
    }

    private static ExportFormat format(AuditParameters parameters) {
        String name = parameters.text("format");
        if (name == null) {
            return ExportFormat.JSONL;
        }
        try {
            return ExportFormat.named(name);
        } catch (IllegalArgumentException e) {
            parameters.reject("format", "must be jsonl or csv, was '" + name + "'");
            return ExportFormat.JSONL;
        }
    }
}
