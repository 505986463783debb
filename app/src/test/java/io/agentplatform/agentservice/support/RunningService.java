package io.agentplatform.agentservice.support;

import io.agentplatform.agentservice.AgentServiceApplication;
import io.agentplatform.agentservice.MigrateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** The service started in-process against the embedded servers, with a small HTTP client. */
public final class RunningService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    private final String database;
    private final int port;
    private final int managementPort;

    private RunningService(ConfigurableApplicationContext context, String database) {
        this.context = context;
        this.database = database;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    /** Environment for a fresh database on the embedded servers; the DB password goes through a file, as in Kubernetes. */
    public static Map<String, String> environmentForNewDatabase() {
        EmbeddedServers servers = EmbeddedServers.get();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", String.valueOf(servers.postgresPort()));
        env.put("DB_NAME", servers.createDatabase());
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD_FILE", writeRandomSecretFile().toString());
        env.put("DB_SSL_MODE", "disable");
        env.put("DB_CONNECT_TIMEOUT_MS", "1000");
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", String.valueOf(servers.redisPort()));
        env.put("REDIS_TIMEOUT_MS", "300");
        env.put("SHUTDOWN_GRACE_SECONDS", "5");
        return env;
    }

    /** Applies migrations with the {@code migrate} command, then starts the service. */
    public static RunningService startMigrated(Map<String, String> overrides) {
        Map<String, String> env = environmentForNewDatabase();
        env.putAll(overrides);
        int exitCode = MigrateCommand.run(env);
        if (exitCode != 0) {
            throw new IllegalStateException("migrate exited with " + exitCode);
        }
        return start(env);
    }

    public static RunningService start(Map<String, String> env) {
        return new RunningService(AgentServiceApplication.start(env), env.get("DB_NAME"));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String database() {
        return database;
    }

    public int managementPort() {
        return managementPort;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> postTask(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(withHeaders(request, headers));
    }

    public HttpResponse<String> request(HttpRequest.Builder request, String... headers) {
        return send(withHeaders(request, headers));
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(api(path)).GET(), headers));
    }

    public HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
    }

    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Counts rows straight from PostgreSQL, bypassing the service. */
    public long countRows(String whereClause) {
        try (Connection connection = EmbeddedServers.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM tasks WHERE " + whereClause)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path writeRandomSecretFile() {
        try {
            Path file = Files.createTempFile("agent-test-secret", ".txt");
            Files.writeString(file, UUID.randomUUID() + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
