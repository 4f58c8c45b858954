package dev.twinledger.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.systemtests.support.Estate;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit record end to end, with real Keycloak tokens, Kafka and both services: an auditor reads the whole life of a
 * VM that was provisioned, migrated to another site and decommissioned; a viewer is refused; the auditor's reading is
 * itself in the access log. The chain is sealed and signed from the real publication watermarks; a second query side
 * built from the topic on an empty database seals identical hashes; and when an attacker with database access edits a
 * stored event in the event store and in the audit table, verification names that position.
 */
@ExtendWith(SystemStackExtension.class)
class AuditEndToEndIT {

    private static final Duration SEALING = Duration.ofSeconds(60);

    @Test
    void anAuditorReadsAVmsWholeLifeAndTheRecordProvesItWasNotAltered(SystemStack stack) throws Exception {
        Estate origin = Estate.create(stack);
        Estate target = Estate.create(stack);
        String project = origin.project("audit");
        String operator = stack.tokenFor("operator");

        var provisioned = stack.commandApi().post("/api/vms", operator, origin.vm("audited", project),
                Map.of("X-Reason", "new tender portal node"));
        assertThat(provisioned.status()).as("provision: %s", provisioned.body()).isEqualTo(201);
        String vm = provisioned.body().get("id").asText();
        var requested = stack.commandApi().post("/api/vms/" + vm + "/migrations", operator,
                Map.of("targetHostId", target.hostId));
        assertThat(requested.status()).as("request migration: %s", requested.body()).isEqualTo(201);
        String migration = requested.body().get("id").asText();
        assertThat(stack.commandApi().post("/api/vms/" + vm + "/migrations/" + migration + "/start", operator, null)
                .status()).isEqualTo(200);
        assertThat(stack.commandApi().post("/api/vms/" + vm + "/migrations/" + migration + "/complete", operator,
                Map.of()).status()).isEqualTo(200);
        var decommissioned = stack.commandApi().post("/api/vms/" + vm + "/decommission", operator, null);
        assertThat(decommissioned.status()).as("decommission: %s", decommissioned.body()).isEqualTo(200);
        long end = decommissioned.body().get("position").asLong();

        // The auditor reads the VM's whole life, across both sites.
        String auditor = stack.tokenFor("auditor");
        var history = stack.queryApi().get("/api/audit/events?resource=" + vm + "&minPosition=" + end, auditor);
        assertThat(history.status()).as("history: %s", history.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        history.body().get("items").forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsSubsequence("VmProvisioned", "MigrationRequested", "MigrationStarted",
                "MigrationCompleted", "VmDecommissioned");
        JsonNode first = history.body().get("items").get(0);
        assertThat(first.get("type").asText()).isEqualTo("VmProvisioned");
        // The command also stored its host's memory event; the answer named that later position.
        long provisionedAt = first.get("position").asLong();
        assertThat(provisionedAt).isLessThanOrEqualTo(provisioned.body().get("position").asLong());
        assertThat(first.get("actor").get("username").asText()).isEqualTo("operator");
        assertThat(first.get("reason").asText()).isEqualTo("new tender portal node");
        JsonNode completed = entryOfType(history.body(), "MigrationCompleted");
        assertThat(completed.get("payload").get("targetSiteId").asText()).isEqualTo(target.siteId);

        // A viewer may not read it, and is told why.
        var refused = stack.queryApi().get("/api/audit/events?resource=" + vm, stack.tokenFor("viewer"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        // The auditor's own reading is in the access log.
        var log = stack.queryApi().get("/api/audit/access-log?caller=auditor", auditor);
        assertThat(log.status()).as("access log: %s", log.body()).isEqualTo(200);
        assertThat(log.body().toString()).contains("resource=" + vm);

        // The chain is sealed and signed past the VM's last event, from the command side's watermarks.
        JsonNode verified = await("the chain sealed and signed past " + end, () -> {
            var answer = stack.queryApi().get("/api/audit/verify", auditor);
            JsonNode body = answer.body();
            return answer.status() == 200 && body.get("intact").asBoolean()
                    && body.path("lastCheckpoint").asLong(-1) >= end ? body : null;
        });
        assertThat(verified.get("recordsChecked").asLong()).isPositive();

        // The VM's history exported with what proves it verifies offline with the service's published key.
        Path work = Files.createTempDirectory("audit-e2e");
        Path key = work.resolve("service.pem");
        assertThat(stack.queryApi().download("/api/audit/public-keys/current", auditor, key)).isEqualTo(200);
        Path intactExport = work.resolve("intact.jsonl");
        assertThat(stack.queryApi().download("/api/audit/export?format=jsonl&resource=" + vm, auditor,
                intactExport)).isEqualTo(200);
        Verdict intact = verifyOffline(key, intactExport);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).startsWith("OK: ");

        // A read model rebuilt from the topic on an empty database seals exactly the same chain.
        try (SystemStack.SecondQuerySide rebuilt = stack.startSecondQuerySide()) {
            await("the rebuilt chain sealed past " + end, () -> {
                var answer = rebuilt.api().get("/api/audit/verify", auditor);
                return answer.status() == 200 && answer.body().get("intact").asBoolean()
                        && answer.body().path("lastCheckpoint").asLong(-1) >= end ? answer.body() : null;
            });
            Map<Long, String> original;
            Map<Long, String> again;
            try (Connection a = stack.readModel(); Connection b = rebuilt.readModel().connect()) {
                original = chainHashes(a, end);
                again = chainHashes(b, end);
            }
            assertThat(original).hasSizeGreaterThan(5).doesNotContainValue(null);
            assertThat(again).isEqualTo(original);
        }

        // An attacker with database access edits the provisioning event in the event store and in the audit table.
        String storedPayload = eventStorePayload(stack, provisionedAt);
        String auditPayload = auditPayload(stack, provisionedAt);
        try {
            update(stack.eventStore(), "UPDATE domain_event_entry SET payload = convert_to(replace("
                    + "convert_from(payload, 'UTF8'), '\"memoryMib\":4096', '\"memoryMib\":512'), 'UTF8')"
                    + " WHERE global_index = ?", provisionedAt);
            update(stack.readModel(), "UPDATE audit_log SET payload = jsonb_set(payload, '{memoryMib}', '512')"
                    + " WHERE global_position = ?", provisionedAt);
            assertThat(eventStorePayload(stack, provisionedAt)).contains("\"memoryMib\":512");

            var broken = stack.queryApi().get("/api/audit/verify", auditor);
            assertThat(broken.status()).isEqualTo(200);
            assertThat(broken.body().get("intact").asBoolean()).isFalse();
            assertThat(broken.body().get("firstProblem").get("position").asLong()).isEqualTo(provisionedAt);
            assertThat(broken.body().get("firstProblem").get("kind").asText()).isEqualTo("CONTENT_ALTERED");

            // An export taken now carries the edited record; the offline verifier names its position too.
            for (String format : new String[] {"jsonl", "csv"}) {
                Path tampered = work.resolve("tampered." + format);
                assertThat(stack.queryApi().download("/api/audit/export?format=" + format + "&resource=" + vm,
                        auditor, tampered)).isEqualTo(200);
                Verdict found = verifyOffline(key, tampered);
                assertThat(found.exitCode()).as(found.output()).isEqualTo(1);
                assertThat(found.output()).startsWith("BROKEN at position " + provisionedAt + ": CONTENT_ALTERED");
            }
        } finally {
            restore(stack, provisionedAt, storedPayload, auditPayload);
        }
        assertThat(stack.queryApi().get("/api/audit/verify", auditor).body().get("intact").asBoolean()).isTrue();
    }

    /** What the offline verifier printed and its exit code. */
    private record Verdict(int exitCode, String output) {
    }

    /** Runs the offline verifier as an auditor would: java -jar twinledger-audit-verify.jar --public-key ... file. */
    private static Verdict verifyOffline(Path key, Path export) throws IOException, InterruptedException {
        String jar = System.getProperty("twinledger.auditVerifierJar");
        assertThat(jar).as("system property twinledger.auditVerifierJar (run through Maven)").isNotNull();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--public-key", key.toString(), export.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Verdict(process.exitValue(), output);
    }

    private static JsonNode entryOfType(JsonNode page, String type) {
        for (JsonNode entry : page.get("items")) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + page);
    }

    private static Map<Long, String> chainHashes(Connection connection, long upTo) throws SQLException {
        Map<Long, String> hashes = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT global_position, chain_hash FROM audit_log WHERE global_position <= ? ORDER BY 1")) {
            select.setLong(1, upTo);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return hashes;
    }

    private static String eventStorePayload(SystemStack stack, long position) throws SQLException {
        return text(stack.eventStore(), "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE global_index = ?", position);
    }

    private static String auditPayload(SystemStack stack, long position) throws SQLException {
        return text(stack.readModel(), "SELECT payload::text FROM audit_log WHERE global_position = ?", position);
    }

    private static void restore(SystemStack stack, long position, String stored, String audit) throws SQLException {
        try (Connection events = stack.eventStore(); PreparedStatement update = events.prepareStatement(
                "UPDATE domain_event_entry SET payload = convert_to(?, 'UTF8') WHERE global_index = ?")) {
            update.setString(1, stored);
            update.setLong(2, position);
            update.executeUpdate();
        }
        try (Connection read = stack.readModel(); PreparedStatement update = read.prepareStatement(
                "UPDATE audit_log SET payload = ?::jsonb WHERE global_position = ?")) {
            update.setString(1, audit);
            update.setLong(2, position);
            update.executeUpdate();
        }
    }

    private static String text(Connection connection, String sql, long position) throws SQLException {
        try (connection; PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, position);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("a row at %d", position).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static void update(Connection connection, String sql, long position) throws SQLException {
        try (connection; PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, position);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + SEALING.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
