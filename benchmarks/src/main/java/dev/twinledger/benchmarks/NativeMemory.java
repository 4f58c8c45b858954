package dev.twinledger.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of {@code jcmd <pid> VM.native_memory summary}: committed KiB per category, "Total" first. */
final class NativeMemory {

    // "Total: reserved=1768123KB, committed=456789KB" and "-                 Java Heap (reserved=..., committed=...)"
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY =
            Pattern.compile("^-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);

    private NativeMemory() {
    }

    static Map<String, Long> committedByCategory(String summary) {
        Map<String, Long> committed = new LinkedHashMap<>();
        Matcher total = TOTAL.matcher(summary);
        if (total.find()) {
            committed.put("Total", Long.parseLong(total.group(1)));
        }
        Matcher category = CATEGORY.matcher(summary);
        while (category.find()) {
            committed.put(category.group(1).trim(), Long.parseLong(category.group(2)));
        }
        return committed;
    }
}
