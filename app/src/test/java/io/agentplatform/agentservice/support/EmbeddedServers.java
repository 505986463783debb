package io.agentplatform.agentservice.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis servers started from Maven jars (no Docker), shared by all tests of
 * one JVM. Each can be stopped and started again on the same port and data, to test outages.
 */
public final class EmbeddedServers {

    private static EmbeddedServers instance;

    private final Path postgresData;
    private final int postgresPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private EmbeddedServers() throws IOException {
        postgresData = Files.createTempDirectory("agent-service-pg");
        postgresPort = freePort();
        redisPort = freePort();
        startPostgres();
        startRedis();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "embedded-servers-shutdown"));
    }

    public static synchronized EmbeddedServers get() {
        if (instance == null) {
            try {
                instance = new EmbeddedServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public Path postgresDataDirectory() {
        return postgresData;
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int redisPort() {
        return redisPort;
    }

    public synchronized void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(postgresPort)
                    .setDataDirectory(postgresData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void startRedis() {
        try {
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stopRedis() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stopAll() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
            org.springframework.util.FileSystemUtils.deleteRecursively(postgresData);
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting; nothing more to do.
        }
    }

    /** A new, empty database, so each test class starts from a clean schema. */
    public String createDatabase() {
        String name = "agent_test_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
        execute("postgres", List.of("CREATE DATABASE " + name));
        return name;
    }

    public void execute(String database, List<String> statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the server check this role's password (SCRAM), where every other role is trusted as the
     * embedded server is set up: pg_hba.conf takes the first matching line, so the line goes first.
     */
    public synchronized void requirePasswordFor(String role) {
        Path hba = postgresData.resolve("pg_hba.conf");
        try {
            String lines = "host all " + role + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + role + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, lines + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute("postgres", List.of("SELECT pg_reload_conf()"));
    }

    public Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + database, user, password);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + database, "postgres", "");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
