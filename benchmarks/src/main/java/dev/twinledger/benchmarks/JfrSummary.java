package dev.twinledger.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the execution samples of a JFR recording with the JDK's {@code jfr print} and counts: the top frame of each
 * sample (self time), the frames of selected libraries anywhere in the stack (inclusive time), and the sampled thread
 * (by name, digits removed).
 */
final class JfrSummary {

    private static final List<String> INTERESTING = List.of("dev.twinledger.", "org.axonframework.",
            "org.postgresql.", "com.zaxxer.", "com.fasterxml.", "org.springframework.security.",
            "org.springframework.jdbc.", "org.springframework.transaction.", "org.apache.kafka.", "com.nimbusds.",
            "org.hibernate.", "org.apache.catalina.", "org.apache.coyote.");

    final Map<String, Integer> self = new HashMap<>();
    final Map<String, Integer> inclusive = new HashMap<>();
    final Map<String, Integer> threads = new HashMap<>();
    int samples;

    static JfrSummary read(Path recording) throws IOException, InterruptedException {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process process = new ProcessBuilder(jfr.toString(), "print", "--events", "jdk.ExecutionSample",
                "--stack-depth", "64", recording.toString()).redirectErrorStream(true).start();
        JfrSummary summary = new JfrSummary();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            boolean inStack = false;
            boolean first = false;
            Set<String> seen = new HashSet<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.trim();
                if (trimmed.startsWith("sampledThread = ")) {
                    String name = trimmed.substring("sampledThread = ".length());
                    int paren = name.indexOf(" (");
                    name = (paren > 0 ? name.substring(0, paren) : name).replaceAll("[0-9]+", "N");
                    summary.threads.merge(name, 1, Integer::sum);
                } else if (trimmed.startsWith("stackTrace = [")) {
                    inStack = true;
                    first = true;
                    seen.clear();
                    summary.samples++;
                } else if (inStack && trimmed.equals("]")) {
                    inStack = false;
                } else if (inStack && !trimmed.isEmpty() && !trimmed.equals("...")) {
                    int lineInfo = trimmed.indexOf(" line:");
                    String frame = lineInfo > 0 ? trimmed.substring(0, lineInfo) : trimmed;
                    if (first) {
                        summary.self.merge(frame, 1, Integer::sum);
                        first = false;
                    }
                    if (INTERESTING.stream().anyMatch(frame::startsWith) && seen.add(frame)) {
                        summary.inclusive.merge(frame, 1, Integer::sum);
                    }
                }
            }
        }
        process.waitFor();
        return summary;
    }

    static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
