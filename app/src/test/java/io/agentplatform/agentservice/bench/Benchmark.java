package io.agentplatform.agentservice.bench;

import io.agentplatform.agentservice.support.EmbeddedServers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark driver (not a test; run by app/bench/run.sh). Starts real PostgreSQL and Redis from the
 * Maven jars, runs each packaged service jar given (e.g. the base commit's and this tree's) as its
 * own process, and measures on loopback only: time to ready, POST /v1/tasks and probe throughput
 * with p50/p99, resident memory, and, as baselines, pgbench's single-row INSERT rate and raw JDBC
 * INSERTs into the same PostgreSQL with the same concurrency.
 * Every load phase is bounded in time.
 */
public final class Benchmark {

    record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1_000_000.0;
        }
    }

    /**
     * CPU milliseconds per successful request of a row, by process, and how busy the whole machine
     * was (all processes, other users' included) as a share of its cores.
     */
    record CpuShare(double serviceUser, double serviceSystem, double postgres, double redis, double driver,
                    double machineBusyShare) {

        double total() {
            return serviceUser + serviceSystem + postgres + redis + driver;
        }
    }

    /** The processes whose CPU a row counts; service 0 = none (baselines). */
    record Processes(long service, long postgres, long redis) {
    }

    interface Call {
        /** Returns true when the call succeeded. */
        boolean run(int worker, long sequence) throws Exception;
    }

    /** A jar to measure and how the report names it. */
    record Subject(String label, Path jar) {
    }

    /**
     * Arguments: {@code label=jar} pairs (or one jar path). Each jar runs as its own service on its own
     * database, one after the other, against the same PostgreSQL and Redis; then the baselines run.
     */
    public static void main(String[] args) throws Exception {
        List<Subject> subjects = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"target/agent-service.jar"} : args) {
            int equals = arg.indexOf('=');
            subjects.add(equals < 0 ? new Subject("this tree", Path.of(arg).toAbsolutePath())
                    : new Subject(arg.substring(0, equals), Path.of(arg.substring(equals + 1)).toAbsolutePath()));
        }
        // Defaults and validation live in app/bench/run.sh, which sets every one of these.
        int concurrency = Integer.parseInt(setting("bench.concurrency"));
        Duration phase = Duration.ofSeconds(Long.parseLong(setting("bench.seconds")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(setting("bench.warmupSeconds")));
        String pgbench = setting("bench.pgbench");
        int slicePairs = Integer.parseInt(setting("bench.slicePairs"));
        Duration slice = Duration.ofSeconds(Long.parseLong(setting("bench.sliceSeconds")));

        EmbeddedServers servers = EmbeddedServers.get();
        String loadBefore = loadAverage();
        List<String> report = new ArrayList<>();
        report.add("| service | what | requests/s | p50 ms | p99 ms | service CPU ms/request | requests | errors |");
        report.add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<String> notes = new ArrayList<>();
        List<String> cpuReport = new ArrayList<>();
        cpuReport.add("| service | what | service user | service system | PostgreSQL | Redis | load driver | all five |"
                + " machine busy |");
        cpuReport.add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, Double> postRates = new LinkedHashMap<>();
        Map<String, Double> adjacentPgbench = new LinkedHashMap<>();
        Map<String, InterleavedRatio> interleaved = new LinkedHashMap<>();
        long postgresPid = ProcessCpu.listenerOf(servers.postgresPort()).orElse(0);
        long redisPid = ProcessCpu.listenerOf(servers.redisPort()).orElse(0);
        for (Subject subject : subjects) {
            measureService(subject, servers, concurrency, phase, warmup, report, notes, postRates, cpuReport,
                    postgresPid, redisPid, new Slices(pgbench, slicePairs, slice, interleaved));
            // The machine's speed drifts over a run (pgbench's PostgreSQL CPU per transaction moved by up to 47 % between runs), so
            // each service is also compared with a pgbench run right after it, as close in time as it can be.
            settle(servers);
            adjacentPgbench.put(subject.label(), pgbench(pgbench, servers, freshTasksDatabase(servers), concurrency, phase).tps());
        }
        String baselineDatabase = freshTasksDatabase(servers);
        Processes baselineProcesses = new Processes(0, postgresPid, 0);
        settle(servers);
        long[] postgresBefore = {ProcessCpu.treeTicks(postgresPid)};
        long[] machineBefore = {machineBusyTicks()};
        long pgbenchStarted = System.nanoTime();
        PgbenchResult pg = pgbench(pgbench, servers, baselineDatabase, concurrency, phase);
        awaitClosedBackendsReaped();
        double pgbenchSeconds = (System.nanoTime() - pgbenchStarted) / 1e9;
        long transactions = Math.round(pg.tps() * phase.toSeconds());
        double pgbenchPostgres = (ProcessCpu.treeTicks(postgresPid) - postgresBefore[0]) * ProcessCpu.MILLIS_PER_TICK / transactions;
        cpuReport.add(String.format(Locale.ROOT, "| baseline | pgbench INSERT (pgbench itself in \"load driver\") | - | - | %.3f | - | %.3f | %.3f | %.0f %% |",
                pgbenchPostgres, pg.cpuTicks() * ProcessCpu.MILLIS_PER_TICK / transactions,
                pgbenchPostgres + pg.cpuTicks() * ProcessCpu.MILLIS_PER_TICK / transactions,
                100.0 * (machineBusyTicks() - machineBefore[0]) / (pgbenchSeconds * 100 * Runtime.getRuntime().availableProcessors())));
        List<CpuShare> jdbcCpu = new ArrayList<>();
        settle(servers);
        Result jdbc = measured(baselineProcesses, jdbcCpu, () -> baselineInserts(servers, baselineDatabase, concurrency, phase));
        cpuReport.add(cpuRow("baseline", "raw JDBC INSERT (Java driver in the load driver)", jdbcCpu.get(0)));

        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + "; load driver, service, PostgreSQL and Redis share the machine.");
        System.out.println("Machine load average (1/5/15 min) before and after the run: " + loadBefore + " -> " + loadAverage()
                + " (other processes on this machine compete for the same cores).");
        System.out.println("Load: " + concurrency + " concurrent closed-loop clients (keep-alive HTTP/1.1), " + phase.toSeconds()
                + " s per row after " + warmup.toSeconds() + " s warm-up; loopback only.");
        System.out.println();
        report.forEach(System.out::println);
        System.out.println();
        System.out.println("| baseline (same PostgreSQL, " + concurrency + " clients) | transactions/s | mean latency ms | p99 ms |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| pgbench %s: one prepared single-row INSERT of a task row per transaction | %.0f | %.2f | - |%n",
                pg.version(), pg.tps(), pg.meanLatencyMillis());
        System.out.printf(Locale.ROOT, "| raw JDBC INSERT of a task row, autocommit (Java driver in this JVM) | %.0f | %.2f | %.2f |%n",
                jdbc.perSecond(), jdbc.percentileMillis(50), jdbc.percentileMillis(99));
        System.out.println();
        for (Map.Entry<String, Double> rate : postRates.entrySet()) {
            double adjacent = adjacentPgbench.get(rate.getKey());
            System.out.printf(Locale.ROOT, "POST /v1/tasks (new prompt) / pgbench INSERT rate, %s: %.0f / %.0f = %.3f"
                            + " (against the pgbench run right after this service: %.0f / %.0f = %.3f)%n",
                    rate.getKey(), rate.getValue(), pg.tps(), rate.getValue() / pg.tps(), rate.getValue(), adjacent,
                    rate.getValue() / adjacent);
        }
        interleaved.forEach((label, ratio) -> System.out.println(ratio.describe(label, slice.toSeconds())));
        notes.forEach(System.out::println);
        System.out.println();
        System.out.println("CPU milliseconds per request (user + system from /proc), by process; machine busy = all processes"
                + " of the machine (other users' too) as a share of its " + Runtime.getRuntime().availableProcessors() + " cores:");
        System.out.println();
        cpuReport.forEach(System.out::println);
        System.out.println("Service JVM options: " + String.join(" ", jvmOptions()));
        System.exit(0);
    }

    private static void measureService(Subject subject, EmbeddedServers servers, int concurrency, Duration phase,
                                       Duration warmup, List<String> report, List<String> notes,
                                       Map<String, Double> postRates, List<String> cpuReport, long postgresPid,
                                       long redisPid, Slices slices) throws Exception {
        Map<String, String> env = new HashMap<>();
        int apiPort = freePort();
        int managementPort = freePort();
        env.put("PORT", String.valueOf(apiPort));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", String.valueOf(servers.postgresPort()));
        env.put("DB_NAME", servers.createDatabase());
        env.put("DB_USER", "postgres");
        Path passwordFile = Files.createTempFile("bench-db-password", ".txt");
        Files.writeString(passwordFile, UUID.randomUUID().toString());
        env.put("DB_PASSWORD_FILE", passwordFile.toString());
        env.put("DB_SSL_MODE", "disable");
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", String.valueOf(servers.redisPort()));
        env.put("RATE_LIMIT_PER_MINUTE", "1000000");
        env.put("LOG_LEVEL", "WARN");

        System.out.println("== " + subject.label() + ": " + subject.jar());
        int migrateExit = process(subject.jar(), env, List.of("migrate")).waitFor();
        if (migrateExit != 0) {
            throw new IllegalStateException("migrate exited with " + migrateExit);
        }
        long started = System.nanoTime();
        Process service = process(subject.jar(), env, List.of());
        try {
            awaitReady(managementPort, Duration.ofSeconds(120));
            double secondsToReady = (System.nanoTime() - started) / 1e9;
            long rssAtReady = rssKib(service.pid());

            byte[] ready = SelectorLoad.get("/health/ready");
            byte[] live = SelectorLoad.get("/health/live");
            AtomicLong unique = new AtomicLong();
            SelectorLoad.Requests postUnique = (client, sequence) -> SelectorLoad.postJson("/v1/tasks", "bench-" + client,
                    body("bench prompt " + unique.incrementAndGet() + " " + UUID.randomUUID()));
            SelectorLoad.Requests postRepeated = (client, sequence) -> SelectorLoad.postJson("/v1/tasks", "bench-" + client,
                    body("bench repeated prompt " + (sequence % 50)));

            http("warm-up", apiPort, postUnique, 201, concurrency, warmup);
            List<Result> results = new ArrayList<>();
            List<CpuShare> cpuPerRequest = new ArrayList<>();
            Processes pid = new Processes(service.pid(), postgresPid, redisPid);
            settle(servers);
            Result newPrompt = measured(pid, cpuPerRequest, () -> http("POST /v1/tasks (new prompt: model + INSERT)", apiPort,
                    postUnique, 201, concurrency, phase));
            results.add(newPrompt);
            settle(servers);
            results.add(measured(pid, cpuPerRequest, () -> http("POST /v1/tasks (repeated prompt: cache hit + INSERT)", apiPort,
                    postRepeated, 201, concurrency, phase)));
            settle(servers);
            results.add(measured(pid, cpuPerRequest, () -> http("GET /health/ready", managementPort,
                    (client, sequence) -> ready, 200, concurrency, phase)));
            settle(servers);
            results.add(measured(pid, cpuPerRequest, () -> http("GET /health/live", managementPort,
                    (client, sequence) -> live, 200, concurrency, phase)));
            long rssAfterLoad = rssKib(service.pid());
            InterleavedRatio ratio = new InterleavedRatio();
            for (int pair = 1; pair <= slices.pairs(); pair++) {
                settle(servers);
                Result post = http("POST /v1/tasks (new prompt), slice " + pair + " of " + slices.pairs(), apiPort, postUnique,
                        201, concurrency, slices.length());
                settle(servers);
                // A fresh table per slice, as for the other pgbench runs: no slice inserts into a bigger index than another.
                ratio.add(post.perSecond(), pgbench(slices.pgbench(), servers, freshTasksDatabase(servers), concurrency,
                        slices.length()).tps());
            }
            if (slices.pairs() > 0) {
                slices.ratios().put(subject.label(), ratio);
            }
            for (int i = 0; i < results.size(); i++) {
                Result result = results.get(i);
                report.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.3f | %d | %d |", subject.label(), result.name(),
                        result.perSecond(), result.percentileMillis(50), result.percentileMillis(99),
                        cpuPerRequest.get(i).serviceUser() + cpuPerRequest.get(i).serviceSystem(), result.requests(), result.errors()));
                cpuReport.add(cpuRow(subject.label(), result.name(), cpuPerRequest.get(i)));
            }
            postRates.put(subject.label(), newPrompt.perSecond());
            notes.add(String.format(Locale.ROOT, "%s: time to ready (process start to /health/ready = 200) %.2f s;"
                    + " resident memory (VmRSS) %.0f MiB at ready, %.0f MiB after load", subject.label(), secondsToReady,
                    rssAtReady / 1024.0, rssAfterLoad / 1024.0));
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** The interleaved measurement: {@code pairs} times a slice of new-prompt POSTs, then one of pgbench. */
    record Slices(String pgbench, int pairs, Duration length, Map<String, InterleavedRatio> ratios) {
    }

    interface Phase {
        Result run() throws Exception;
    }

    /**
     * Runs a phase and records the service process's CPU time (user + system, from /proc) per
     * successful request: unlike requests/s it hardly depends on what else the shared machine runs.
     */
    private static Result measured(Processes processes, List<CpuShare> cpuPerRequest, Phase phase) throws Exception {
        long driverPid = ProcessHandle.current().pid();
        long[] service = ProcessCpu.userAndSystemTicks(processes.service());
        long postgres = ProcessCpu.treeTicks(processes.postgres());
        long redis = ProcessCpu.ticks(processes.redis(), false);
        long driver = ProcessCpu.ticks(driverPid, false);
        long machine = machineBusyTicks();
        long started = System.nanoTime();
        Result result = phase.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] serviceAfter = ProcessCpu.userAndSystemTicks(processes.service());
        double perRequest = result.requests() == 0 ? Double.NaN : ProcessCpu.MILLIS_PER_TICK / result.requests();
        cpuPerRequest.add(new CpuShare((serviceAfter[0] - service[0]) * perRequest, (serviceAfter[1] - service[1]) * perRequest,
                (ProcessCpu.treeTicks(processes.postgres()) - postgres) * perRequest,
                (ProcessCpu.ticks(processes.redis(), false) - redis) * perRequest,
                (ProcessCpu.ticks(driverPid, false) - driver) * perRequest,
                (machineBusyTicks() - machine) / (seconds * 100 * Runtime.getRuntime().availableProcessors())));
        return result;
    }

    private static String cpuRow(String label, String what, CpuShare cpu) {
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f %% |", label, what,
                cpu.serviceUser(), cpu.serviceSystem(), cpu.postgres(), cpu.redis(), cpu.driver(), cpu.total(),
                100 * cpu.machineBusyShare());
    }

    /** Ticks all CPUs of the machine spent not idle (first line of /proc/stat: user nice system idle iowait irq softirq steal). */
    private static long machineBusyTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    private static String body(String prompt) {
        return "{\"prompt\":\"" + prompt + "\",\"metadata\":{\"source\":\"bench\"}}";
    }

    /** {@code cpuTicks}: pgbench's own user + system time. */
    record PgbenchResult(String version, double tps, double meanLatencyMillis, long cpuTicks) {
    }

    /**
     * pgbench (from Debian's PostgreSQL) against the same server: one prepared single-row INSERT of
     * the task row shape per transaction, same number of clients, same duration.
     */
    private static PgbenchResult pgbench(String pgbench, EmbeddedServers servers, String database, int concurrency,
                                         Duration duration) throws Exception {
        Path script = Files.createTempFile("bench-pgbench", ".sql");
        Files.writeString(script, "\\set n random(1, 2000000000)\n"
                + "INSERT INTO tasks (id, client_id, request_hash, status, prompt, metadata, answer, model, cached,"
                + " created_at, completed_at, model_ms, total_ms) VALUES (gen_random_uuid(), 'pgbench-' || :client_id,"
                + " repeat('0', 64), 'succeeded', 'bench prompt ' || :n, '{\"source\":\"bench\"}',"
                + " 'Offline answer 1234abcd: your request has 3 words; key terms: bench, prompt.', 'offline-deterministic',"
                + " false, now(), now(), 0, 1);\n");
        String version = new String(new ProcessBuilder(pgbench, "--version").redirectErrorStream(true).start()
                .getInputStream().readAllBytes()).trim();
        // Run by a shell that, once pgbench exited, writes its own /proc stat: its cutime/cstime is pgbench's CPU time.
        Path shellStat = Files.createTempFile("bench-pgbench-cpu", ".stat");
        Process run = new ProcessBuilder("sh", "-c", "\"$0\" \"$@\"; s=$?; cat /proc/$$/stat > '" + shellStat + "'; exit $s", pgbench, "-n", "-M", "prepared", "-h", "127.0.0.1",
                "-p", String.valueOf(servers.postgresPort()), "-U", "postgres",
                "-c", String.valueOf(concurrency), "-j", "2", "-T", String.valueOf(duration.toSeconds()),
                "-f", script.toString(), database).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        if (run.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        System.out.println(output);
        double tps = Double.parseDouble(output.replaceAll("(?s).*\\ntps = ([0-9.]+).*", "$1"));
        double latency = Double.parseDouble(output.replaceAll("(?s).*latency average = ([0-9.]+) ms.*", "$1"));
        String stat = Files.readString(shellStat);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new PgbenchResult(version, tps, latency, Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
    }

    private static List<String> jvmOptions() {
        return List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    /** -Dbench.jfrDirectory=DIR records a JFR profile of each service run there (profiling, not for the figures). */
    private static List<String> profilingOptions(Path jar) {
        String directory = System.getProperty("bench.jfrDirectory");
        if (directory == null) {
            return List.of();
        }
        // Spring's request stacks are deeper than JFR's default 64 frames; truncated stacks hide who called what.
        return List.of("-XX:FlightRecorderOptions=stackdepth=256", "-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(directory, jar.getParent().getParent().getFileName() + "-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".jfr"));
    }

    private static Process process(Path jar, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        if (args.isEmpty()) {
            command.addAll(profilingOptions(jar));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        File log = Files.createTempFile("agent-service-bench", ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        System.out.println("starting " + String.join(" ", args.isEmpty() ? List.of("service") : args) + " (log: " + log + ")");
        return builder.start();
    }

    private static void awaitReady(int managementPort, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("service not ready within " + limit);
    }

    /**
     * Before every measured row: every database vacuumed and analyzed, a CHECKPOINT, and no autovacuum worker running,
     * so that no row (pgbench's included) pays for the vacuum or the dirty pages of the rows an earlier row inserted.
     */
    private static void settle(EmbeddedServers servers) throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection connection = servers.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet names = statement.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate")) {
            while (names.next()) {
                databases.add(names.getString(1));
            }
        }
        for (String database : databases) {
            try (Connection connection = servers.connect(database); Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE)");
            }
        }
        try (Connection connection = servers.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet workers = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
                    workers.next();
                    if (workers.getInt(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Lets the postmaster reap the backends of connections just closed: only then does their time count in its cutime.
     * Read while they were being reaped, the raw JDBC row's PostgreSQL CPU came out at 0.001 ms per INSERT (eighth pass).
     */
    private static void awaitClosedBackendsReaped() throws InterruptedException {
        Thread.sleep(200);
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("-D" + name + " is not set: run the benchmark through app/bench/run.sh");
        }
        return value;
    }

    /** A new database with the tasks table of the first migration, for one baseline run. */
    private static String freshTasksDatabase(EmbeddedServers servers) throws IOException {
        String database = servers.createDatabase();
        servers.execute(database, List.of(Files.readString(Path.of("src/main/resources/db/migration/V1__create_tasks.sql"))));
        return database;
    }

    /** Selector threads of the load driver, as pgbench runs with {@code -j 2}. */
    private static final int DRIVER_THREADS = 2;

    private static Result http(String name, int port, SelectorLoad.Requests requests, int expectedStatus, int concurrency,
                               Duration duration) throws Exception {
        return printed(SelectorLoad.run(name, port, concurrency, DRIVER_THREADS, requests, expectedStatus, duration));
    }

    private static Result printed(Result result) {
        System.out.printf(Locale.ROOT, "%-55s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                result.name(), result.perSecond(), result.percentileMillis(50), result.percentileMillis(99), result.errors());
        return result;
    }

    private static Result load(String name, Call call, int concurrency, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                long sequence = 0;
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.run(worker, sequence++);
                    } catch (Exception e) {
                        ok = false;
                    }
                    long took = System.nanoTime() - begin;
                    if (!ok) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return printed(new Result(name, merged.length, errors.get(), seconds, merged));
    }

    /** The same row shape as a task, inserted straight over JDBC, one autocommitted INSERT per call. */
    private static Result baselineInserts(EmbeddedServers servers, String database, int concurrency, Duration duration)
            throws Exception {
        servers.execute(database, List.of("CREATE TABLE IF NOT EXISTS baseline_tasks (LIKE tasks INCLUDING ALL)"));
        ThreadLocal<Connection> connections = new ThreadLocal<>();
        List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        Call insert = (worker, sequence) -> {
            Connection connection = connections.get();
            if (connection == null) {
                connection = servers.connect(database);
                connections.set(connection);
                opened.add(connection);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO baseline_tasks (id, client_id, request_hash, status, prompt, metadata, answer, model, cached,"
                            + " created_at, completed_at, model_ms, total_ms)"
                            + " VALUES (?, ?, ?, 'succeeded', ?, CAST(? AS jsonb), ?, 'offline-deterministic', false, ?, ?, 0, 1)")) {
                Timestamp now = Timestamp.from(Instant.now());
                statement.setObject(1, UUID.randomUUID());
                statement.setString(2, "bench-" + worker);
                statement.setString(3, "0".repeat(64));
                statement.setString(4, "bench prompt " + sequence);
                statement.setString(5, "{\"source\":\"bench\"}");
                statement.setString(6, "Offline answer 1234abcd: your request has 3 words; key terms: bench, prompt.");
                statement.setTimestamp(7, now);
                statement.setTimestamp(8, now);
                return statement.executeUpdate() == 1;
            }
        };
        try {
            return load("Baseline: raw JDBC INSERT of a task row (same PostgreSQL)", insert, concurrency, duration);
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
            awaitClosedBackendsReaped();
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Benchmark() {
    }
}
