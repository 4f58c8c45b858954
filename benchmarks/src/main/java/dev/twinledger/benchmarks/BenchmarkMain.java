package dev.twinledger.benchmarks;

import dev.twinledger.benchmarks.estate.EstateGenerator;
import dev.twinledger.benchmarks.estate.EstateSettings;
import dev.twinledger.keycloak.KeycloakServer;
import dev.twinledger.localstack.AccessSeed;
import dev.twinledger.localstack.KafkaBroker;
import dev.twinledger.localstack.Ports;
import dev.twinledger.localstack.PostgresServer;
import dev.twinledger.localstack.ServiceProcess;
import dev.twinledger.localstack.ServiceSettings;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One benchmark run: starts the real stack on free ports (as the system tests do), measures raw PostgreSQL insert
 * transactions and command throughput side by side, projection lag at paced rates, RSS of each service, then the
 * JMH micro-benchmarks of the policies engine, and appends a dated section to {@code docs/benchmarks.md}.
 * Run it with {@code benchmarks/run.sh}; {@code --help} lists the options.
 */
public final class BenchmarkMain {

    static final String COMMAND = "benchmarks/run.sh";
    static final String SITE_ID = "dc1";
    static final String TOPIC = "twinledger.events";
    static final int MAX_IN_FLIGHT = 64;

    // options
    private Duration warmUp = Duration.ofSeconds(5);
    private Duration measure = Duration.ofSeconds(20);
    private Duration lagMeasure = Duration.ofSeconds(20);
    private List<Integer> clients = List.of(1, 8);
    private List<Double> rates = List.of(100.0, 500.0);
    private boolean stack = true;
    private boolean jmh = true;
    private boolean jfr = true;
    private int jmhWarmups = 3;
    private int jmhIterations = 5;
    private Path out = Path.of("docs/benchmarks.md");
    private Path workDir = Path.of("benchmarks/target/bench-run");
    private EstateSettings estateSettings = EstateSettings.defaults();
    private boolean estate = true;
    private boolean rebuild = true;
    private Duration estateTimeout = Duration.ofMinutes(30);
    private final List<String> args = new ArrayList<>();

    // results
    private final Map<Integer, RawPostgres.Result> raw = new LinkedHashMap<>();
    private final Map<Integer, HttpLoad.Result> commands = new LinkedHashMap<>();
    private final List<HttpLoad.LagResult> lags = new ArrayList<>();
    private final Map<String, double[]> rss = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> nativeMemory = new LinkedHashMap<>();
    private final Map<String, Double> cpuShare = new LinkedHashMap<>();
    private JfrSummary profile;
    private EstateRun.Result estateResult;
    private final List<QueryLatency.Result> queries = new ArrayList<>();
    private int queryRequests = 2000;
    private Path recording;
    private Path lagRecording;
    private JfrSummary lagProfile;
    private Collection<RunResult> jmhResults = List.of();
    private int foldEvents;
    private final List<String> notes = new ArrayList<>();
    private Duration runTime;

    public static void main(String[] argv) throws Exception {
        BenchmarkMain main = new BenchmarkMain();
        main.parse(argv);
        long started = System.nanoTime();
        main.run();
        main.runTime = Duration.ofNanos(System.nanoTime() - started);
        main.writeReport();
        System.out.println("Results appended to " + main.out + " (run took " + main.runTime.toSeconds() + " s)");
        System.exit(0);
    }

    private void parse(String[] argv) {
        for (String arg : argv) {
            args.add(arg);
            String[] kv = arg.split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "--warmup" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--duration" -> measure = Duration.ofSeconds(Long.parseLong(value));
                case "--lag-duration" -> lagMeasure = Duration.ofSeconds(Long.parseLong(value));
                case "--clients" -> clients = List.of(value.split(",")).stream().map(Integer::parseInt).toList();
                case "--rates" -> rates = List.of(value.split(",")).stream().map(Double::parseDouble).toList();
                case "--no-stack" -> stack = false;
                case "--no-jmh" -> jmh = false;
                case "--no-jfr" -> jfr = false;
                case "--jmh-iterations" -> jmhIterations = Integer.parseInt(value);
                case "--jmh-warmups" -> jmhWarmups = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--no-estate" -> estate = false;
                case "--query-requests" -> queryRequests = Integer.parseInt(value);
                case "--no-rebuild" -> rebuild = false;
                case "--estate-timeout-minutes" -> estateTimeout = Duration.ofMinutes(Long.parseLong(value));
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: benchmarks/run.sh [options]
                              --warmup=S         warm-up seconds before each measured step (5)
                              --duration=S       measured seconds per throughput step (20)
                              --lag-duration=S   measured seconds per projection-lag rate (20)
                              --clients=1,8      concurrent clients / JDBC threads
                              --rates=100,500    paced command rates for projection lag
                              --no-stack         skip the stack (only JMH)
                              --no-jmh           skip the JMH micro-benchmarks
                              --no-jfr           do not record JFR on the command side during the largest step
                              --jmh-warmups=N --jmh-iterations=N   JMH iterations of 1 s (3, 5)
                              --out=FILE         report file (docs/benchmarks.md)
                              --no-estate        no generated estate (the stack starts empty, as before)
                              --query-requests=N timed requests per query on the estate (2000; a tenth more warm up)
                              --no-rebuild       no rebuild by a second query side
                              --estate-events=N (1000000) --estate-vms=N (100000) --estate-grants=N (100000)
                              --estate-principals=N (10000) --estate-groups=N (500) --estate-hosts-per-site=N (100)
                              --estate-days=N (90) --estate-seed=N (random, printed)
                              --estate-timeout-minutes=N (30) limit for publishing, catch-up and rebuild""");
                    System.exit(0);
                }
                default -> {
                    EstateSettings changed = estateSettings.with(kv[0], value);
                    if (changed == null) {
                        throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                    }
                    estateSettings = changed;
                }
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(workDir);
        if (stack) {
            runStack();
        }
        if (jmh) {
            runJmh();
        }
    }

    private void runStack() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String eventsDb = "tl_bench_events_" + suffix;
        String readDb = "tl_bench_read_" + suffix;
        String scratchDb = "tl_bench_scratch_" + suffix;
        PostgresServer postgres = null;
        KafkaBroker kafka = null;
        KeycloakServer keycloak = null;
        ServiceProcess commandSide = null;
        ServiceProcess querySide = null;
        HttpLoad load = null;
        try {
            log("starting PostgreSQL (local or embedded)");
            postgres = PostgresServer.startLocalOrEmbedded(null, workDir.resolve("postgres.log"));
            notes.add("PostgreSQL: " + (postgres.isEmbedded() ? "embedded (zonky)" : "the local server on port "
                    + postgres.port()) + ", " + serverVersion(postgres));
            postgres.createDatabase(eventsDb);
            postgres.createDatabase(readDb);
            postgres.createDatabase(scratchDb);
            if (estate) {
                estateResult = EstateRun.generate(postgres, eventsDb, estateSettings,
                        Path.of(System.getProperty("twinledger.project.root", ".")));
                notes.add("Estate: " + estateResult.settings);
            }
            log("starting Kafka");
            kafka = KafkaBroker.builder(workDir.resolve("kafka-" + suffix)).port(Ports.freePort())
                    .controllerPort(Ports.freePort()).logFile(workDir.resolve("kafka.log")).start();
            log("starting Keycloak");
            keycloak = KeycloakServer.builder().port(Ports.freePort()).dataDir(workDir.resolve("keycloak-" + suffix))
                    .logFile(workDir.resolve("keycloak.log")).start();
            int commandPort = Ports.freePort();
            int queryPort = Ports.freePort();
            log("starting command-side and query-side");
            long servicesStarted = System.nanoTime();
            commandSide = service(postgres, kafka, keycloak, "command-side", commandPort, eventsDb).start();
            querySide = service(postgres, kafka, keycloak, "query-side", queryPort, readDb).start();

            List<String> hosts = new ArrayList<>();
            if (estate) {
                log("waiting until the estate is published and projected");
                EstateRun.awaitProjected(estateResult, postgres, eventsDb, readDb, servicesStarted, estateTimeout);
                log(String.format(Locale.ROOT, "  published %.1f s and projected %.1f s after the services' start;"
                                + " at least %,.0f and %,.0f events/s once each began", estateResult.publishSeconds,
                        estateResult.catchUpSeconds, estateResult.publishRate(), estateResult.catchUpRate()));
                rss.put("command-side", new double[] {ProcStats.statusMib(commandSide.pid(), "VmRSS"), 0, 0});
                rss.put("query-side", new double[] {ProcStats.statusMib(querySide.pid(), "VmRSS"), 0, 0});
                if (rebuild) {
                    rebuild(postgres, kafka, keycloak, readDb);
                }
                for (int i = 0; i < estateSettings.hostsPerSite(); i++) {
                    hosts.add(EstateGenerator.host(SITE_ID, i));
                }
            } else {
                for (int i = 1; i <= 20; i++) {
                    hosts.add(String.format("dc1-h%02d", i));
                }
            }
            // The realm's users act only through grants: give them their namesake roles, as the local run does. The
            // estate's history holds these grants already: a directory command would load the directory's whole
            // stream (over 100,000 grants; the directory has no snapshot), which is not a path this run measures.
            if (!estate) {
                KeycloakServer realm = keycloak;
                AccessSeed.grantEverywhere(URI.create("http://127.0.0.1:" + commandPort),
                        user -> realm.passwordToken(user, user), AccessSeed.TEST_USERS);
            }
            load = new HttpLoad("http://127.0.0.1:" + commandPort, "http://127.0.0.1:" + queryPort, hosts);
            if (estate) {
                measureQueries(keycloak, queryPort);
            }
            String admin = keycloak.passwordToken("platform-admin", "platform-admin");
            if (!estate) {
                load.post(admin, "/api/sites", "{\"id\":\"dc1\",\"name\":\"Data centre 1\",\"platform\":\"OPENSTACK\"}");
                // Hosts refuse VMs beyond their memory: each offers 1 PiB (262,144 VMs of 4 GiB, over 5 million for
                // the 20), far more than any run provisions, so the load never meets a full host.
                for (String host : hosts) {
                    load.post(admin, "/api/hosts", "{\"id\":\"" + host + "\",\"siteId\":\"dc1\",\"name\":\"" + host
                            + ".example\",\"cpuCores\":64,\"memoryMib\":1073741824}");
                }
                // Provisioning refuses a project that is not registered.
                for (int i = 0; i < HttpLoad.PROJECTS; i++) {
                    load.post(admin, "/api/projects", "{\"id\":\"" + HttpLoad.project(i)
                            + "\",\"name\":\"Benchmark project " + i + "\"}");
                }
                Thread.sleep(2000);
                rss.put("command-side", new double[] {ProcStats.statusMib(commandSide.pid(), "VmRSS"), 0, 0});
                rss.put("query-side", new double[] {ProcStats.statusMib(querySide.pid(), "VmRSS"), 0, 0});
            }

            RawPostgres.createTable(postgres, scratchDb);
            int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
            for (int n : clients) {
                log("raw PostgreSQL inserts, " + n + " threads");
                RawPostgres.Result result = RawPostgres.run(postgres, scratchDb, n, warmUp, measure);
                raw.put(n, result);
                log(String.format(Locale.ROOT, "  %.0f inserts/s", result.perSecond()));
                String operator = keycloak.passwordToken("operator", "operator");
                boolean profileThis = jfr && n == maxClients;
                if (profileThis) {
                    recording = workDir.resolve("command-side-" + n + "-clients.jfr").toAbsolutePath();
                    jcmd(commandSide.pid(), "JFR.start", "name=bench", "settings=profile",
                            "filename=" + recording);
                }
                long[] pids = {commandSide.pid(), querySide.pid(), kafka.pid(), keycloak.pid(),
                        ProcessHandle.current().pid()};
                double[] cpuBefore = new double[pids.length];
                for (int i = 0; i < pids.length; i++) {
                    cpuBefore[i] = ProcStats.cpuSeconds(pids[i]);
                }
                double[] machineBefore = ProcStats.machineCpu();
                log("commands through HTTP, " + n + " clients");
                HttpLoad.Result result2 = load.closedLoop(operator, n, warmUp, measure);
                double[] machineAfter = ProcStats.machineCpu();
                if (n == maxClients) {
                    String[] names = {"command-side", "query-side", "Kafka", "Keycloak", "benchmark client"};
                    double wall = machineAfter[1] - machineBefore[1];
                    double others = 0;
                    for (int i = 0; i < pids.length; i++) {
                        double used = ProcStats.cpuSeconds(pids[i]) - cpuBefore[i];
                        others += used;
                        cpuShare.put(names[i], used / wall);
                    }
                    cpuShare.put("everything else (mostly PostgreSQL)",
                            (machineAfter[0] - machineBefore[0] - others) / wall);
                    cpuShare.put("idle", 1 - (machineAfter[0] - machineBefore[0]) / wall);
                }
                if (profileThis) {
                    jcmd(commandSide.pid(), "JFR.stop", "name=bench");
                }
                commands.put(n, result2);
                log(String.format(Locale.ROOT, "  %.0f commands/s, %d errors", result2.perSecond(),
                        result2.errors()));
            }
            if (jfr && !rates.isEmpty()) {
                lagRecording = workDir.resolve("query-side-paced.jfr").toAbsolutePath();
                jcmd(querySide.pid(), "JFR.start", "name=lag", "settings=profile", "filename=" + lagRecording);
            }
            for (double rate : rates) {
                log("projection lag at " + rate + " commands/s");
                String operator = keycloak.passwordToken("operator", "operator");
                HttpLoad.LagResult lag = load.openLoop(operator, rate, warmUp, lagMeasure, MAX_IN_FLIGHT);
                lags.add(lag);
                log(String.format(Locale.ROOT, "  reached %.0f/s, lag p50 %.1f ms p99 %.1f ms, %d errors",
                        lag.achievedRate(), lag.lag().percentileMs(50), lag.lag().percentileMs(99), lag.errors()));
            }
            if (lagRecording != null) {
                jcmd(querySide.pid(), "JFR.stop", "name=lag");
            }
            rss.get("command-side")[1] = ProcStats.statusMib(commandSide.pid(), "VmRSS");
            rss.get("command-side")[2] = ProcStats.statusMib(commandSide.pid(), "VmHWM");
            rss.get("query-side")[1] = ProcStats.statusMib(querySide.pid(), "VmRSS");
            rss.get("query-side")[2] = ProcStats.statusMib(querySide.pid(), "VmHWM");
            nativeMemory.put("command-side", NativeMemory.committedByCategory(jcmd(commandSide.pid(),
                    "VM.native_memory", "summary")));
            nativeMemory.put("query-side", NativeMemory.committedByCategory(jcmd(querySide.pid(),
                    "VM.native_memory", "summary")));
        } finally {
            if (load != null) {
                load.close();
            }
            closeQuietly(querySide);
            closeQuietly(commandSide);
            closeQuietly(keycloak);
            closeQuietly(kafka);
            if (postgres != null) {
                for (String db : List.of(eventsDb, readDb, scratchDb)) {
                    try {
                        postgres.dropDatabase(db);
                    } catch (RuntimeException e) {
                        System.err.println("Could not drop " + db + ": " + e);
                    }
                }
            }
            closeQuietly(postgres);
        }
        if (recording != null && Files.exists(recording)) {
            log("reading the JFR recording");
            profile = JfrSummary.read(recording);
        }
        if (lagRecording != null && Files.exists(lagRecording)) {
            lagProfile = JfrSummary.read(lagRecording);
        }
    }

    /**
     * Starts a second query side on an empty read database, times it until it has applied everything the first one
     * has (with JFR on it while it catches up, unless --no-jfr), then stops it and drops its database.
     */
    private void rebuild(PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak, String readDb)
            throws Exception {
        String rebuiltDb = readDb + "_rebuilt";
        long target = EstateRun.appliedCount(postgres, readDb);
        postgres.createDatabase(rebuiltDb);
        log(String.format(Locale.ROOT, "rebuild: a second query side on an empty read database, %,d events", target));
        ServiceProcess rebuilt = null;
        try {
            long started = System.nanoTime();
            rebuilt = service(postgres, kafka, keycloak, "query-side", Ports.freePort(), rebuiltDb)
                    .logFile(workDir.resolve("query-side-rebuilt.log")).start();
            long pid = rebuilt.pid();
            if (jfr) {
                estateResult.rebuildRecording = workDir.resolve("query-side-rebuild.jfr").toAbsolutePath();
                jcmd(pid, "JFR.start", "name=rebuild", "settings=profile",
                        "filename=" + estateResult.rebuildRecording);
            }
            EstateRun.awaitRebuilt(estateResult, postgres, rebuiltDb, target, started,
                    () -> (long) ProcStats.statusMib(pid, "VmHWM"), estateTimeout);
            if (jfr) {
                jcmd(pid, "JFR.stop", "name=rebuild");
            }
            log(String.format(Locale.ROOT, "  rebuilt %,d events in %.1f s from start (%,.0f events/s from the first"
                            + " applied event to the last), peak RSS %.0f MiB", estateResult.rebuildApplied,
                    estateResult.rebuildSeconds, estateResult.rebuildRate(), estateResult.rebuildPeakRssMib));
        } finally {
            closeQuietly(rebuilt);
            try {
                postgres.dropDatabase(rebuiltDb);
            } catch (RuntimeException e) {
                System.err.println("Could not drop " + rebuiltDb + ": " + e);
            }
        }
        if (estateResult.rebuildRecording != null && Files.exists(estateResult.rebuildRecording)) {
            estateResult.rebuildProfile = JfrSummary.read(estateResult.rebuildRecording);
        }
    }

    /**
     * Latency of the access and point-in-time queries on the estate, one client, as {@code auditor} (audit:read
     * everywhere). Answers are checked: the bootstrap admin {@code access-admin} holds every permission since the
     * history's first event, so it is allowed on any VM at any past instant; {@code viewer} holds only its viewer
     * grant (given now), so it is denied a decommission now and at any past instant.
     */
    private void measureQueries(KeycloakServer keycloak, int queryPort) throws Exception {
        String auditor = keycloak.passwordToken("auditor", "auditor");
        QueryLatency query = new QueryLatency("http://127.0.0.1:" + queryPort);
        Random random = new Random(estateSettings.seed());
        int vms = estateResult.estate.vms();
        long from = estateResult.estate.from().toEpochMilli();
        long to = estateResult.estate.to().toEpochMilli();
        Supplier<String> vm = () -> EstateGenerator.vm(random.nextInt(vms));
        Supplier<String> past = () -> Instant.ofEpochMilli(
                from + (long) (random.nextDouble() * (to - from))).toString();
        int warm = Math.max(50, queryRequests / 10);
        String check = "/api/access/check?action=vm:decommission&resourceType=vm&principal=";
        List<QueryStep> steps = List.of(
                new QueryStep("check, allowed",
                        i -> check + "user:access-admin&resourceId=" + vm.get(), answer(true)),
                new QueryStep("check, denied",
                        i -> check + "user:viewer&resourceId=" + vm.get(), answer(false)),
                new QueryStep("check asOf a random past instant, allowed",
                        i -> check + "user:access-admin&resourceId=" + vm.get() + "&asOf=" + past.get(), answer(true)),
                new QueryStep("check asOf a random past instant, denied",
                        i -> check + "user:viewer&resourceId=" + vm.get() + "&asOf=" + past.get(), answer(false)),
                new QueryStep("what can P do (busiest generated user, first page)",
                        i -> "/api/access/principals/user:" + EstateGenerator.user(0) + "/permissions", status(200)),
                new QueryStep("who can do A on R (inventory:read on a VM, first page)",
                        i -> "/api/access/who-can?action=inventory:read&resourceType=vm&resourceId=" + vm.get(),
                        status(200)),
                new QueryStep("snapshot of a VM at a random past instant (200, or 404 before it existed)",
                        i -> "/api/audit/snapshot/resources/" + vm.get() + "?at=" + past.get(), status(200, 404)),
                new QueryStep("snapshot of site dc1 at a random past instant (first page)",
                        i -> "/api/audit/snapshot/sites/dc1?at=" + past.get(), status(200)));
        for (QueryStep step : steps) {
            log("query latency: " + step.name());
            QueryLatency.Result result = query.measure(step.name(), auditor, warm, queryRequests, step.path(),
                    step.accepts());
            queries.add(result);
            log(String.format(Locale.ROOT, "  HTTP p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; %d errors%s",
                    result.http().percentileMs(50), result.http().percentileMs(99), result.http().percentileMs(99.9),
                    result.errors(), result.firstError() == null ? "" : " (first: " + result.firstError() + ")"));
        }
    }

    /** One timed query: its name in the report, the path of the i-th request, and which answers are right. */
    private record QueryStep(String name, IntFunction<String> path, Predicate<HttpResponse<String>> accepts) {
    }

    private static Predicate<HttpResponse<String>> answer(boolean allowed) {
        return response -> response.statusCode() == 200
                && response.body().replace(" ", "").contains("\"allowed\":" + allowed);
    }

    private static Predicate<HttpResponse<String>> status(int... accepted) {
        return response -> Arrays.stream(accepted).anyMatch(code -> code == response.statusCode());
    }

    private ServiceProcess.Builder service(PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak,
                                           String name, int port, String database) {
        Path jar = Path.of(name, "target", name + "-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath();
        ServiceProcess.Builder builder = ServiceProcess.builder(name, jar)
                .property("twinledger.kafka.topic", TOPIC)
                .logFile(workDir.resolve(name + ".log"));
        ServiceSettings.of(port, postgres, database, kafka.bootstrapServers(), keycloak.issuerUri(), SITE_ID)
                .forEach(builder::property);
        // The estate's 10,000 principals are not Keycloak users: the group sync would report each as drift (a
        // WARN line and admin calls per member) and compete with what is measured. It is not on any measured path.
        builder.property("twinledger.access.keycloak-sync.enabled", "false");
        // Where the resident memory goes (heap, metaspace, threads, code, GC), read with jcmd after the loads.
        builder.jvmArg("-XX:NativeMemoryTracking=summary");
        return builder;
    }

    private void runJmh() throws Exception {
        log("JMH: policies engine");
        // The per-query benchmarks in average and sampled time; the fold (seconds per call) in single shots.
        ChainedOptionsBuilder queries = new OptionsBuilder()
                .include(PolicyEngineBenchmark.class.getName())
                .exclude(PolicyEngineBenchmark.class.getName() + ".foldHistory")
                .forks(1)
                .warmupIterations(jmhWarmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(jmhIterations).measurementTime(TimeValue.seconds(1))
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
                .timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
                .jvmArgs("-Xmx2g", "-Xms2g");
        List<RunResult> results = new ArrayList<>(new Runner(queries.build()).run());
        ChainedOptionsBuilder fold = new OptionsBuilder()
                .include(PolicyEngineBenchmark.class.getName() + ".foldHistory")
                .forks(1)
                .warmupIterations(jmhWarmups)
                .measurementIterations(jmhIterations)
                .jvmArgs("-Xmx2g", "-Xms2g");
        results.addAll(new Runner(fold.build()).run());
        foldEvents = AccessHistoryEvents.of(AccessStateGenerator.generate(10_000, 500, 100_000, 42L)).size();
        jmhResults = results;
    }

    private void writeReport() throws Exception {
        StringBuilder md = new StringBuilder();
        if (!Files.exists(out)) {
            md.append(BenchmarkReport.HEADER);
        }
        md.append(new BenchmarkReport(this).section());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    // accessors for the report
    Duration warmUp() { return warmUp; }
    Duration measure() { return measure; }
    Duration lagMeasure() { return lagMeasure; }
    List<String> args() { return args; }
    boolean stackRan() { return stack; }
    boolean jmhRan() { return jmh; }
    int jmhWarmups() { return jmhWarmups; }
    int jmhIterations() { return jmhIterations; }
    Map<Integer, RawPostgres.Result> raw() { return raw; }
    Map<Integer, HttpLoad.Result> commands() { return commands; }
    List<HttpLoad.LagResult> lags() { return lags; }
    Map<String, double[]> rss() { return rss; }
    Map<String, Double> cpuShare() { return cpuShare; }
    JfrSummary profile() { return profile; }
    JfrSummary lagProfile() { return lagProfile; }
    EstateRun.Result estate() { return estateResult; }
    List<QueryLatency.Result> queries() { return queries; }
    Collection<RunResult> jmhResults() { return jmhResults; }
    int foldEvents() { return foldEvents; }
    Map<String, Map<String, Long>> nativeMemory() { return nativeMemory; }
    List<String> notes() { return notes; }
    Duration runTime() { return runTime; }
    Path workDir() { return workDir; }
    Path recording() { return recording; }

    static String scoreOf(RunResult result) {
        Result<?> primary = result.getPrimaryResult();
        return String.format(Locale.ROOT, "%.3f ± %.3f %s", primary.getScore(), primary.getScoreError(),
                primary.getScoreUnit());
    }

    private static String serverVersion(PostgresServer postgres) {
        try (var connection = postgres.connect("postgres"); var statement = connection.createStatement();
             var rs = statement.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "version unknown";
        }
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(pid));
        cmd.addAll(List.of(command));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + output);
        }
        return output;
    }

    static void log(String message) {
        System.out.println(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + message);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + closeable + ": " + e);
        }
    }
}
