package dev.twinledger.auditformat;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChainWalkTest {

    private static final KeyPair KEYS = SigningKeys.generateEd25519();
    private static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS.getPrivate(), KEYS.getPublic());
    private static final Map<String, PublicKey> TRUSTED = Map.of(SIGNER.keyId(), KEYS.getPublic());

    /** A sealed record as the audit table holds it. */
    record Sealed(AuditRecord record, String digest, String previous, String hash) {
    }

    private static List<Sealed> chain(long... positions) {
        List<Sealed> sealed = new ArrayList<>();
        String previous = AuditHashes.GENESIS;
        for (long position : positions) {
            AuditRecord record = record(position, "{\"vmId\":\"vm-" + position + "\",\"memoryMib\":2048}");
            String digest = record.contentDigest();
            String hash = AuditHashes.chainHash(previous, digest);
            sealed.add(new Sealed(record, digest, previous, hash));
            previous = hash;
        }
        return sealed;
    }

    private static AuditRecord record(long position, String payload) {
        return new AuditRecord(position, "event-" + position, "dev.twinledger.api.inventory.VmProvisioned",
                "VirtualMachine", "vm-" + position, 0, Instant.parse("2026-11-26T08:00:00.123456789Z"), "user-1",
                "operator", "dc1", "corr-" + position, "cause-" + position, "reason", "OPS-1",
                CanonicalJson.parse(payload));
    }

    private static Optional<ChainProblem> walk(List<Sealed> records, ChainWalk walk) {
        for (Sealed s : records) {
            Optional<ChainProblem> problem = walk.record(s.record(), s.digest(), s.previous(), s.hash());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    @Test
    void canonical_form_sorts_members_keeps_nulls_and_writes_microseconds() {
        AuditRecord a = record(7, "{\"b\":1,\"a\":{\"z\":null,\"y\":[2,1]},\"d\":1.50}");
        AuditRecord b = record(7, "{ \"d\": 1.50, \"a\": {\"y\": [2, 1], \"z\": null}, \"b\": 1 }");

        assertThat(a.canonicalForm()).isEqualTo(b.canonicalForm());
        assertThat(a.canonicalForm())
                .startsWith("{\"actorSubject\":\"user-1\",\"actorUsername\":\"operator\",\"aggregateId\":\"vm-7\"")
                .contains("\"occurredAt\":\"2026-11-26T08:00:00.123456Z\"")
                .contains("\"payload\":{\"a\":{\"y\":[2,1],\"z\":null},\"b\":1,\"d\":1.50}");
        assertThat(a.contentDigest()).isNotEqualTo(record(7, "{\"b\":2}").contentDigest());
    }

    @Test
    void an_intact_chain_walks_through_and_matches_a_checkpoint() {
        List<Sealed> records = chain(1, 2, 5, 9);
        ChainWalk walk = ChainWalk.fromGenesis(TRUSTED);

        assertThat(walk(records, walk)).isEmpty();
        AuditCheckpoint checkpoint = SIGNER.sign(9, 4, records.get(3).hash(), Instant.now());
        assertThat(walk.checkpoint(checkpoint)).isEmpty();
        assertThat(walk.recordsChecked()).isEqualTo(4);
        assertThat(walk.lastCheckpointPosition()).isEqualTo(9);
    }

    @Test
    void an_edited_payload_is_reported_at_its_own_position() {
        List<Sealed> records = new ArrayList<>(chain(1, 2, 5, 9));
        Sealed edited = records.get(2);
        records.set(2, new Sealed(record(5, "{\"vmId\":\"vm-5\",\"memoryMib\":4096}"), edited.digest(),
                edited.previous(), edited.hash()));

        assertThat(walk(records, ChainWalk.fromGenesis(TRUSTED)))
                .hasValueSatisfying(p -> {
                    assertThat(p.position()).isEqualTo(5);
                    assertThat(p.kind()).isEqualTo(ChainProblem.Kind.CONTENT_ALTERED);
                });
    }

    @Test
    void an_edit_with_every_hash_recomputed_is_caught_by_the_signed_checkpoint() {
        List<Sealed> honest = chain(1, 2, 5, 9);
        AuditCheckpoint checkpoint = SIGNER.sign(9, 4, honest.get(3).hash(), Instant.now());
        // The attacker rewrites record 5 and recomputes every digest and hash from there on.
        List<Sealed> forged = new ArrayList<>(honest.subList(0, 2));
        String previous = forged.get(1).hash();
        for (Sealed s : honest.subList(2, 4)) {
            AuditRecord record = s.record().position() == 5 ? record(5, "{\"vmId\":\"vm-5\",\"memoryMib\":1}")
                    : s.record();
            String hash = AuditHashes.chainHash(previous, record.contentDigest());
            forged.add(new Sealed(record, record.contentDigest(), previous, hash));
            previous = hash;
        }
        ChainWalk walk = ChainWalk.fromGenesis(TRUSTED);

        assertThat(walk(forged, walk)).isEmpty();
        assertThat(walk.checkpoint(checkpoint)).hasValueSatisfying(p -> {
            assertThat(p.position()).isEqualTo(9);
            assertThat(p.kind()).isEqualTo(ChainProblem.Kind.CHECKPOINT_MISMATCH);
        });
    }

    @Test
    void a_removed_record_breaks_the_link_of_the_next() {
        List<Sealed> records = new ArrayList<>(chain(1, 2, 5, 9));
        records.remove(1);

        assertThat(walk(records, ChainWalk.fromGenesis(TRUSTED)))
                .hasValueSatisfying(p -> {
                    assertThat(p.position()).isEqualTo(5);
                    assertThat(p.kind()).isEqualTo(ChainProblem.Kind.LINK_BROKEN);
                });
    }

    @Test
    void a_link_without_content_continues_the_chain_from_its_digest() {
        List<Sealed> records = chain(1, 2, 5);
        ChainWalk walk = ChainWalk.fromGenesis(TRUSTED);
        Sealed first = records.get(0);
        Sealed skipped = records.get(1);
        Sealed last = records.get(2);

        assertThat(walk.record(first.record(), first.digest(), first.previous(), first.hash())).isEmpty();
        assertThat(walk.link(2, skipped.digest(), skipped.previous(), skipped.hash())).isEmpty();
        assertThat(walk.record(last.record(), last.digest(), last.previous(), last.hash())).isEmpty();
        assertThat(walk.linksChecked()).isEqualTo(1);
    }

    @Test
    void checkpoints_from_unknown_keys_or_with_bad_signatures_are_refused() throws Exception {
        List<Sealed> records = chain(1);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair other = rsa.generateKeyPair();
        CheckpointSigner stranger = new CheckpointSigner(other.getPrivate(), other.getPublic());
        AuditCheckpoint foreign = stranger.sign(1, 1, records.get(0).hash(), Instant.now());
        AuditCheckpoint genuine = SIGNER.sign(1, 1, records.get(0).hash(), Instant.now());
        AuditCheckpoint tampered = new AuditCheckpoint(1, 1, genuine.chainHash(), genuine.signedAt().plusSeconds(1),
                genuine.keyId(), genuine.algorithm(), genuine.signature());

        assertThat(ChainWalk.checkSignature(foreign, TRUSTED)).get()
                .extracting(ChainProblem::kind).isEqualTo(ChainProblem.Kind.CHECKPOINT_KEY_UNTRUSTED);
        assertThat(ChainWalk.checkSignature(foreign, Map.of(stranger.keyId(), other.getPublic()))).isEmpty();
        assertThat(ChainWalk.checkSignature(tampered, TRUSTED)).get()
                .extracting(ChainProblem::kind).isEqualTo(ChainProblem.Kind.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void keys_round_trip_through_pem() {
        String privatePem = SigningKeys.toPem(KEYS.getPrivate());
        String publicPem = SigningKeys.toPem(KEYS.getPublic());

        CheckpointSigner reloaded = new CheckpointSigner(SigningKeys.readPrivateKey(privatePem),
                SigningKeys.readPublicKey(publicPem));
        AuditCheckpoint checkpoint = reloaded.sign(3, 1, AuditHashes.GENESIS, Instant.now());

        assertThat(reloaded.keyId()).isEqualTo(SIGNER.keyId());
        assertThat(CheckpointSigner.verify(checkpoint, KEYS.getPublic())).isTrue();
    }
}
