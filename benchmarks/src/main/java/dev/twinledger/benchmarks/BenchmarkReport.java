package dev.twinledger.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Renders one run as a dated markdown section (and the file's header when the file is new). */
final class BenchmarkReport {

    static final String HEADER = """
            # Benchmarks

            Measured against the machine's limit, side by side in one run (see issue 6 for the goals). Run:

            ```bash
            benchmarks/run.sh                # about 40 minutes on 2 cores; --help lists the options
            ```

            It builds what it needs, starts the real stack on free ports (PostgreSQL, Kafka, Keycloak, both services),
            measures, stops everything, runs the JMH micro-benchmarks and appends a dated section below. Earlier
            sections are kept so that a regression is visible. See [benchmarks/README.md](../benchmarks/README.md).

            """;

    private final BenchmarkMain run;

    BenchmarkReport(BenchmarkMain run) {
        this.run = run;
    }

    String section() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append("\n\n");
        md.append("Command: `").append(BenchmarkMain.COMMAND);
        for (String arg : run.args()) {
            md.append(' ').append(arg);
        }
        md.append("` (run took ").append(run.runTime().toSeconds()).append(" s)\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(ProcStats.cpuModel()).append("), ").append(ProcStats.memTotal()).append(" memory, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append(")\n\n");
        md.append("Settings: ").append(run.warmUp().toSeconds()).append(" s warm-up, then ")
                .append(run.measure().toSeconds()).append(" s measured per throughput step and ")
                .append(run.lagMeasure().toSeconds()).append(" s per lag rate; the load client runs on the same "
                        + "machine as every server. Services as in the local run (its configuration, Keycloak group sync "
                        + "off, -Xmx384m).");
        for (String note : run.notes()) {
            md.append(' ').append(note).append('.');
        }
        md.append("\n\n");
        goals(md);
        if (run.stackRan()) {
            details(md);
        }
        if (run.jmhRan()) {
            jmh(md);
        }
        if (run.profile() != null) {
            profile(md, run.profile(), "the command side during the largest command step");
        }
        if (run.lagProfile() != null) {
            profile(md, run.lagProfile(), "the query side during the paced (projection lag) steps");
        }
        if (run.estate() != null && run.estate().rebuildProfile != null) {
            profile(md, run.estate().rebuildProfile, "the rebuilding query side while it caught up");
        }
        md.append("\n");
        return md.toString();
    }

    private void goals(StringBuilder md) {
        md.append("| measure | goal (2 cores) | result | met? |\n|---|---|---|---|\n");
        if (run.stackRan()) {
            for (Map.Entry<Integer, HttpLoad.Result> entry : run.commands().entrySet()) {
                int n = entry.getKey();
                HttpLoad.Result c = entry.getValue();
                RawPostgres.Result r = run.raw().get(n);
                double ratio = c.perSecond() / r.perSecond();
                boolean goal = n == 8;
                md.append(f("| command throughput, %d client%s | %s | %.0f cmd/s vs %.0f raw inserts/s = **%.2f** "
                                + "(p50 %.1f ms, p99 %.1f ms; %d errors) | %s |\n", n, n == 1 ? "" : "s",
                        goal ? "≥ 0.5 × raw PostgreSQL" : "(no goal; for comparison)", c.perSecond(), r.perSecond(),
                        ratio, c.latency().percentileMs(50), c.latency().percentileMs(99), c.errors(),
                        goal ? (ratio >= 0.5 ? "yes" : "**no**") : "–"));
            }
            for (HttpLoad.LagResult lag : run.lags()) {
                boolean goal = lag.targetRate() >= 500;
                double p99 = lag.lag().percentileMs(99);
                boolean reached = lag.achievedRate() >= 0.95 * lag.targetRate();
                md.append(f("| projection lag at %.0f cmd/s | %s | p50 %.1f ms, p99 %.1f ms (reached %.0f cmd/s%s; "
                                + "%d of %d visible; %d errors) | %s |\n", lag.targetRate(),
                        goal ? "p99 < 200 ms" : "(no goal)", lag.lag().percentileMs(50), p99, lag.achievedRate(),
                        reached ? "" : ", **target rate not reached**", lag.visible(), lag.acked(), lag.errors(),
                        goal ? (p99 < 200 && reached ? "yes" : "**no**") : "–"));
            }
            for (Map.Entry<String, double[]> entry : run.rss().entrySet()) {
                double[] v = entry.getValue();
                md.append(f("| RSS %s | < 512 MB under load | at rest %.0f MiB, after the loads %.0f MiB, peak %.0f "
                                + "MiB (VmHWM) | %s |\n", entry.getKey(), v[0], v[1], v[2],
                        v[2] < 512 ? "yes" : "**no**"));
            }
        }
        if (run.jmhRan()) {
            for (RunResult result : run.jmhResults()) {
                String name = result.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                org.openjdk.jmh.annotations.Mode mode = result.getParams().getMode();
                if (mode == org.openjdk.jmh.annotations.Mode.SingleShotTime) {
                    double millis = result.getPrimaryResult().getScore();
                    double rate = run.foldEvents() / (millis / 1000);
                    md.append(f("| `AccessHistory` fold of the generated directory history (%,d events), in-process "
                                    + "(JMH single shot, `%s`) | part of the rebuild: ≥ 20,000 events/s | %s = "
                                    + "**%,.0f events/s** | %s |\n", run.foldEvents(), name,
                            BenchmarkMain.scoreOf(result), rate, rate >= 20_000 ? "yes" : "**no**"));
                } else if (mode == org.openjdk.jmh.annotations.Mode.SampleTime) {
                    Statistics s = result.getPrimaryResult().getStatistics();
                    md.append(f("| policies engine, `%s`, in-process (JMH sample) | the engine's part of check "
                                    + "p99 < 2 ms at the server | p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs | %s |\n",
                            name, s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9),
                            s.getPercentile(99) < 2000 ? "yes" : "**no**"));
                }
            }
        }
        EstateRun.Result estate = run.estate();
        if (estate != null) {
            md.append(f("| estate generation (straight into the event store, before the services start) | – | %,d events"
                            + " in %.1f s = %,.0f events/s | – |\n", estate.estate.events(), estate.generateSeconds,
                    estate.generateRate()));
            md.append(f("| estate published to Kafka by the command side | – | done %.1f s after the services' start;"
                    + " at least %,.0f events/s once publishing began | – |\n", estate.publishSeconds, estate.publishRate()));
            md.append(f("| estate projected by the query side (while it was being published) | – | done %.1f s after the"
                    + " services' start; at least %,.0f events/s once applying began | – |\n", estate.catchUpSeconds,
                    estate.catchUpRate()));
            if (!Double.isNaN(estate.rebuildSeconds)) {
                double rate = estate.rebuildRate();
                md.append(f("| rebuild of every projection by a second query side on an empty read database | "
                                + "≥ 20,000 events/s | %,d events in %.1f s from its first applied event = **%,.0f "
                                + "events/s** (%.1f s including its start) | %s |\n", estate.rebuildApplied,
                        estate.rebuildFirstToLastSeconds, rate, estate.rebuildSeconds,
                        rate >= 20_000 ? "yes" : "**no**"));
                md.append(f("| RSS query side while rebuilding | < 512 MB | peak %.0f MiB (VmHWM) | %s |\n",
                        estate.rebuildPeakRssMib, estate.rebuildPeakRssMib < 512 ? "yes" : "**no**"));
            }
        }
        for (QueryLatency.Result q : run.queries()) {
            boolean pointInTime = q.name().contains("past instant");
            String goal = pointInTime ? "p99 < 50 ms" : "p99 < 2 ms at the server, < 5 ms over HTTP";
            double httpP99 = q.http().percentileMs(99);
            double serverP99 = q.server().percentileMs(99);
            boolean met = q.errors() == 0 && (pointInTime ? httpP99 < 50
                    : httpP99 < 5 && (Double.isNaN(serverP99) || serverP99 < 2));
            md.append(f("| %s | %s | HTTP p50 %.2f / p99 %.2f / p99.9 %.2f ms; server %s; %d requests, %d errors |"
                            + " %s |\n", q.name(), goal, q.http().percentileMs(50), httpP99,
                    q.http().percentileMs(99.9), q.server().count() == 0 ? "n/a (no Server-Timing)"
                            : f("p50 %.2f / p99 %.2f / p99.9 %.2f ms", q.server().percentileMs(50), serverP99,
                            q.server().percentileMs(99.9)), q.http().count(), q.errors(), met ? "yes" : "**no**"));
        }
        if (run.queries().isEmpty()) {
        md.append("""
                | check, "what can P do", "who can", point in time | | not measured: run with the estate | – |
                """);
        }
        md.append('\n');
    }

    private void details(StringBuilder md) {
        md.append("<details><summary>Details</summary>\n\n");
        md.append("| step | per second | p50 ms | p99 ms | max ms | count |\n|---|---|---|---|---|---|\n");
        for (RawPostgres.Result r : run.raw().values()) {
            md.append(f("| raw PostgreSQL insert, %d thread(s) | %.0f | %.2f | %.2f | %.2f | %d |\n", r.threads(),
                    r.perSecond(), r.latency().percentileMs(50), r.latency().percentileMs(99), r.latency().maxMs(),
                    r.inserts()));
        }
        for (HttpLoad.Result c : run.commands().values()) {
            md.append(f("| POST /api/vms, %d client(s) | %.0f | %.2f | %.2f | %.2f | %d |\n", c.clients(),
                    c.perSecond(), c.latency().percentileMs(50), c.latency().percentileMs(99), c.latency().maxMs(),
                    c.ok()));
        }
        for (HttpLoad.LagResult l : run.lags()) {
            md.append(f("| paced %.0f/s: command acknowledgement | %.0f | %.2f | %.2f | %.2f | %d |\n",
                    l.targetRate(), l.achievedRate(), l.ackLatency().percentileMs(50),
                    l.ackLatency().percentileMs(99), l.ackLatency().maxMs(), l.acked()));
            md.append(f("| paced %.0f/s: ack → GET 200 on the query side | | %.2f | %.2f | %.2f | %d |\n",
                    l.targetRate(), l.lag().percentileMs(50), l.lag().percentileMs(99), l.lag().maxMs(),
                    l.visible()));
        }
        md.append('\n');
        for (HttpLoad.Result c : run.commands().values()) {
            if (c.firstError() != null) {
                md.append("First error at ").append(c.clients()).append(" clients: `")
                        .append(c.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n\n");
            }
        }
        for (HttpLoad.LagResult l : run.lags()) {
            if (l.firstError() != null) {
                md.append(f("First error at %.0f/s: `", l.targetRate()))
                        .append(l.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n\n");
            }
        }
        if (!run.cpuShare().isEmpty()) {
            md.append("CPU during the largest command step (share of the whole machine, from /proc): ");
            boolean first = true;
            for (Map.Entry<String, Double> e : run.cpuShare().entrySet()) {
                md.append(first ? "" : ", ").append(e.getKey()).append(f(" %.0f%%", 100 * e.getValue()));
                first = false;
            }
            md.append(".\n\n");
        }
        md.append("Lag is measured per command as `GET /api/vms/{id}?minPosition=<position>` sent right after the "
                + "acknowledgement (repeated on 503/404) until it answers 200; it includes one query round trip. "
                + "Commands are paced open-loop (asynchronous client, at most " + BenchmarkMain.MAX_IN_FLIGHT + " in flight, so an overloaded service shows as a lower rate reached).\n\n");
        if (!run.nativeMemory().isEmpty()) {
            md.append("Native memory committed by category after the loads (JVM Native Memory Tracking, MiB; RSS "
                    + "counts only the touched part of it):\n\n| category |");
            run.nativeMemory().keySet().forEach(service -> md.append(' ').append(service).append(" |"));
            md.append("\n|---|");
            run.nativeMemory().keySet().forEach(service -> md.append("---|"));
            md.append('\n');
            java.util.Set<String> categories = new java.util.LinkedHashSet<>();
            run.nativeMemory().values().forEach(byCategory -> categories.addAll(byCategory.keySet()));
            for (String category : categories) {
                md.append("| ").append(category).append(" |");
                run.nativeMemory().values().forEach(byCategory -> md.append(f(" %.0f |",
                        byCategory.getOrDefault(category, 0L) / 1024.0)));
                md.append('\n');
            }
            md.append('\n');
        }
        md.append("</details>\n\n");
    }

    private void jmh(StringBuilder md) {
        md.append(f("JMH (`PolicyEngineBenchmark`): 1 fork, %d warm-up and %d measurement iterations (1 s each for the "
                + "queries, single shots for the fold), -Xmx2g; an `AccessState` of 10,000 users, 500 groups, 100,000 "
                + "grants (70%% to users, 30%% to groups, principal chosen by u^3 skew, users in 1–3 groups by u^2 "
                + "skew). `checkDirect`: a user with 9 direct grants and no groups (no group expansion). "
                + "`checkViaGroups`: no direct grant, member of the two busiest groups and one allowing group (group "
                + "expansion). `checkBusiestUser`: user u0, the most grants under the skew. `checkDenied`: a check "
                + "denied with every out-of-scope path explained. `checkAsOf`: the engine over the history at a past "
                + "instant, then the check, as the query side does per request. `whatCanDoFirstPage`, "
                + "`whoCanFirstPage`: the engine's answer for the API's first page (50). `foldHistory`: the whole "
                + "history folded from empty.\n\n", run.jmhWarmups(), run.jmhIterations()));
        md.append("<details><summary>JMH average times</summary>\n\n| benchmark | mode | score |\n|---|---|---|\n");
        for (RunResult result : run.jmhResults()) {
            String name = result.getParams().getBenchmark();
            md.append("| `").append(name.substring(name.lastIndexOf('.') + 1)).append("` | ")
                    .append(result.getParams().getMode().shortLabel()).append(" | ")
                    .append(BenchmarkMain.scoreOf(result)).append(" |\n");
        }
        md.append("\n</details>\n\n");
    }

    private void profile(StringBuilder md, JfrSummary p, String what) {
        md.append("<details><summary>JFR profile of " + what + " (" + p.samples
                + " execution samples)</summary>\n\n");
        md.append("Threads:\n\n| thread | samples |\n|---|---|\n");
        JfrSummary.top(p.threads, 10).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v)
                .append(" |\n"));
        md.append("\nTop frames (self):\n\n| frame | samples |\n|---|---|\n");
        JfrSummary.top(p.self, 15).forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v)
                .append(" |\n"));
        md.append("\nApplication and library frames anywhere in the stack (inclusive):\n\n| frame | samples |\n"
                + "|---|---|\n");
        JfrSummary.top(p.inclusive, 30).forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v)
                .append(" |\n"));
        md.append("\n</details>\n\n");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
