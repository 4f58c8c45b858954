package dev.twinledger.queryside.audit;

import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.audit.AuditChainVerifier;
import dev.twinledger.support.web.ApiException;
import dev.twinledger.support.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The proof side of the audit record: verification of the hash chain and its signed checkpoints over a range, and
 * the public keys that verify checkpoints (ADR 14, docs/audit-format.md).
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditChainController {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final AuditChainVerifier verifier;
    private final AuditKeys keys;
    private final AuditGate gate;
    private final AuditAccessLog accessLog;

    AuditChainController(AuditChainVerifier verifier, AuditKeys keys, AuditGate gate, AuditAccessLog accessLog) {
        this.verifier = verifier;
        this.keys = keys;
        this.gate = gate;
        this.accessLog = accessLog;
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the audit chain",
            description = "Recomputes every record's digest from what is stored, every link and chain hash, and "
                    + "checks every signed checkpoint in the range against the recomputed chain and the keys this "
                    + "service trusts. Answers 200 either way: intact, or the first broken position and what is "
                    + "wrong there. A range not starting at 0 starts from the signed checkpoint before it. Needs "
                    + "audit:read everywhere.")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First global position to check (default 0)",
                    schema = @Schema(type = "integer", format = "int64")),
            @Parameter(name = "to", in = ParameterIn.QUERY,
                    description = "Last global position to check (default: the end of the sealed chain)",
                    schema = @Schema(type = "integer", format = "int64"))})
    ChainVerificationView verify(Authentication authentication, HttpServletRequest http) {
        AuditCall call = AuditCall.start(accessLog, authentication, http);
        try {
            AuditParameters parameters = AuditParameters.of(http, List.of("from", "to"));
            Long from = parameters.position("from");
            Long to = parameters.position("to");
            parameters.validate();
            long start = from == null ? 0 : from;
            if (to != null && to < start) {
                throw new InvalidAuditParameter(List.of(new FieldError("to",
                        "must not be before from (" + start + "), was " + to)));
            }
            gate.require(call.request(), call.scope(AuditScope.of(Scope.EVERYWHERE)),
                    "Verifying the audit chain", http);
            ChainVerificationView result = ChainVerificationView.of(verifier.verify(start, to));
            return call.allowed(result, result.intact() ? "intact, " + result.recordsChecked() + " records"
                    : "broken at " + (result.firstProblem() == null ? result.lateRecords().get(0)
                    : result.firstProblem().position()));
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    @GetMapping("/public-keys")
    @Operation(summary = "The keys that sign audit checkpoints",
            description = "The current signing key and every key that has signed a checkpoint here, as PEM. Only "
                    + "keys marked trusted count when this service verifies; an auditor should take the key from a "
                    + "source they trust, and pass it to the offline verifier.")
    List<PublicKeyView> publicKeys() {
        return keys.all();
    }

    @GetMapping("/public-keys/{keyId}")
    @Operation(summary = "One checkpoint key as a PEM file",
            description = "For curl -o key.pem and the offline verifier's --public-key; 'current' names the key in "
                    + "use now.")
    ResponseEntity<String> publicKey(@PathVariable("keyId") String keyId) {
        return keys.find(keyId).map(key -> ResponseEntity.ok().contentType(PEM).body(key.publicKey()))
                .orElseThrow(() -> ApiException.notFound("No audit signing key with id " + keyId + " is known here"));
    }
}
