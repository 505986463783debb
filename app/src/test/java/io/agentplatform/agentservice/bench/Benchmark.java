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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * Maven jars, runs the packaged service jar as its own process, and measures on loopback only:
 * time to ready, POST /v1/tasks and probe throughput with p50/p99, resident memory, and, as the
 * baseline, raw INSERT throughput of the same PostgreSQL with the same concurrency.
 * Every load phase is bounded in time.
 */
public final class Benchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    interface Call {
        /** Returns true when the call succeeded. */
        boolean run(int worker, long sequence) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/agent-service.jar").toAbsolutePath();
        int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "16"));
        Duration phase = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "20")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmupSeconds", "10")));

        EmbeddedServers servers = EmbeddedServers.get();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(freePort()));
        env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
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

        int migrateExit = process(jar, env, List.of("migrate")).waitFor();
        if (migrateExit != 0) {
            throw new IllegalStateException("migrate exited with " + migrateExit);
        }

        List<String> report = new ArrayList<>();
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        Process service = process(jar, env, List.of());
        try {
            String api = "http://127.0.0.1:" + env.get("PORT");
            String management = "http://127.0.0.1:" + env.get("MANAGEMENT_PORT");
            awaitReady(management + "/health/ready", Duration.ofSeconds(60));
            double secondsToReady = (System.nanoTime() - started) / 1e9;
            long rssAtReady = rssKib(service.pid());

            AtomicLong unique = new AtomicLong();
            Call postUnique = (worker, sequence) -> post(api, "bench prompt " + unique.incrementAndGet() + " " + UUID.randomUUID(), worker);
            Call postRepeated = (worker, sequence) -> post(api, "bench repeated prompt " + (sequence % 50), worker);
            Call ready = (worker, sequence) -> get(management + "/health/ready");
            Call live = (worker, sequence) -> get(management + "/health/live");

            load("warm-up", postUnique, concurrency, warmup);
            List<Result> results = new ArrayList<>();
            results.add(load("POST /v1/tasks (new prompt: model + INSERT)", postUnique, concurrency, phase));
            results.add(load("POST /v1/tasks (repeated prompt: cache hit + INSERT)", postRepeated, concurrency, phase));
            results.add(load("GET /health/ready", ready, concurrency, phase));
            results.add(load("GET /health/live", live, concurrency, phase));
            long rssAfterLoad = rssKib(service.pid());
            results.add(baselineInserts(servers, env.get("DB_NAME"), concurrency, phase));

            report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + "; load driver, service, PostgreSQL and Redis share the machine.");
            report.add("Machine load average (1/5/15 min) before and after the run: " + loadBefore + " -> " + loadAverage()
                    + " (other processes on this machine compete for the same cores).");
            report.add("Load: " + concurrency + " concurrent closed-loop clients, " + phase.toSeconds()
                    + " s per row after " + warmup.toSeconds() + " s warm-up; loopback only.");
            report.add("");
            report.add("| what | requests/s | p50 ms | p99 ms | requests | errors |");
            report.add("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (Result result : results) {
                report.add(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %d |", result.name(), result.perSecond(),
                        result.percentileMillis(50), result.percentileMillis(99), result.requests(), result.errors()));
            }
            report.add("");
            report.add(String.format(Locale.ROOT, "Time to ready (process start to /health/ready = 200): %.2f s", secondsToReady));
            report.add(String.format(Locale.ROOT, "Resident memory (VmRSS) of the service: %.0f MiB at ready, %.0f MiB after load",
                    rssAtReady / 1024.0, rssAfterLoad / 1024.0));
            report.add("Service JVM options: " + String.join(" ", jvmOptions()));
        } finally {
            service.destroy();
            service.waitFor();
        }
        System.out.println();
        report.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> jvmOptions() {
        return List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    private static Process process(Path jar, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
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

    private static boolean post(String api, String prompt, int worker) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/tasks"))
                .header("Content-Type", "application/json")
                .header("X-Client-ID", "bench-" + worker)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\",\"metadata\":{\"source\":\"bench\"}}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
    }

    private static boolean get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static void awaitReady(String url, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(url)) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("service not ready within " + limit);
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
        Result result = new Result(name, merged.length, errors.get(), seconds, merged);
        System.out.printf(Locale.ROOT, "%-55s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                name, result.perSecond(), result.percentileMillis(50), result.percentileMillis(99), result.errors());
        return result;
    }

    /** The same row shape as a task, inserted straight over JDBC, one autocommitted INSERT per call. */
    private static Result baselineInserts(EmbeddedServers servers, String database, int concurrency, Duration duration)
            throws Exception {
        servers.execute(database, List.of("CREATE TABLE baseline_tasks (LIKE tasks INCLUDING ALL)"));
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
