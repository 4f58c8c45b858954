package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.projections.audit.AuditChainVerifier;
import dev.twinledger.queryside.readmodel.ReadModel;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that sign audit checkpoints: the one this service signs with now, and every key recorded in
 * {@code audit_signing_keys}, each marked whether this service's verification trusts it.
 */
@Component
public class AuditKeys {

    private final CheckpointSigner signer;
    private final AuditChainVerifier verifier;
    private final ReadModel readModel;

    public AuditKeys(CheckpointSigner signer, AuditChainVerifier verifier, ReadModel readModel) {
        this.signer = signer;
        this.verifier = verifier;
        this.readModel = readModel;
    }

    /** The current key first, then the others in the order they first signed. */
    public List<PublicKeyView> all() {
        Map<String, PublicKeyView> keys = new LinkedHashMap<>();
        keys.put(signer.keyId(), new PublicKeyView(signer.keyId(), SigningKeys.signatureAlgorithm(signer.publicKey()),
                SigningKeys.toPem(signer.publicKey()), true, true, null));
        readModel.list("SELECT key_id, algorithm, public_key, first_used_at FROM audit_signing_keys"
                + " ORDER BY first_used_at", new MapSqlParameterSource(), (rs, n) -> {
            String keyId = rs.getString("key_id");
            Timestamp firstUsed = rs.getTimestamp("first_used_at");
            return new PublicKeyView(keyId, rs.getString("algorithm"), rs.getString("public_key"),
                    keyId.equals(signer.keyId()), verifier.trustedKeys().containsKey(keyId), firstUsed.toInstant());
        }).forEach(key -> keys.put(key.keyId(), key));
        return new ArrayList<>(keys.values());
    }

    /** One key by id; {@code current} names the key in use now. */
    public Optional<PublicKeyView> find(String keyId) {
        String wanted = "current".equals(keyId) ? signer.keyId() : keyId;
        return all().stream().filter(key -> key.keyId().equals(wanted)).findFirst();
    }
}
