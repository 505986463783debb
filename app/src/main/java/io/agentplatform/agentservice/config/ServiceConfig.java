package io.agentplatform.agentservice.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the service, read only from environment variables and validated as a whole so
 * that one start attempt reports every bad variable at once. The README's "Runtime contract" lists
 * the same variables; keep both in step.
 */
public record ServiceConfig(
        int port,
        int managementPort,
        Database database,
        Redis redis,
        Llm llm,
        int rateLimitPerMinute,
        Duration cacheTtl,
        Duration shutdownGrace,
        String logLevel,
        int maxPromptChars,
        int maxBodyBytes,
        boolean migrateOnStart,
        Duration offlineModelDelay) {

    /**
     * Where and as whom to connect. {@code password} is present exactly when {@code auth} is
     * PASSWORD, {@code awsRegion} exactly when it is IAM (the region the token is signed for).
     */
    public record Database(String host, int port, String name, String user, DatabaseAuth auth, Optional<Secret> password,
                           Optional<String> awsRegion, String sslMode, int poolMax, Duration connectTimeout) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_AUTH, DB_PASSWORD(_FILE), AWS_REGION, DB_SSL_MODE, DB_POOL_MAX, DB_CONNECT_TIMEOUT_MS. */
        static Database read(EnvironmentReader r) {
            String host = r.required("DB_HOST");
            int port = r.integer("DB_PORT", 5432, 1, 65535);
            String name = r.required("DB_NAME");
            // Only a connection property, never part of SQL: any name the server has (RDS allows capitals).
            String user = r.required("DB_USER");
            DatabaseAuth auth = r.databaseAuth("DB_AUTH");
            Optional<Secret> password = r.passwordFor(auth, "DB_AUTH", "DB_PASSWORD", "DB_PASSWORD_FILE");
            Optional<String> region = auth == DatabaseAuth.IAM
                    ? r.awsRegion("AWS_REGION", true, "when DB_AUTH=iam (the region of the database)")
                    : Optional.empty();
            return new Database(host, port, name, user, auth, password, region,
                    r.oneOf("DB_SSL_MODE", "require", SSL_MODES, false),
                    r.integer("DB_POOL_MAX", 10, 1, 200),
                    Duration.ofMillis(r.integer("DB_CONNECT_TIMEOUT_MS", 2000, 250, 60000)));
        }
    }

    public record Redis(String host, int port, boolean tls, Optional<Secret> password, Duration timeout) {
    }

    /** An empty {@code url} selects the offline deterministic model. */
    public record Llm(Optional<URI> url, Optional<Secret> apiKey, String model, Duration timeout, int maxRetries,
                      Duration retryBackoff, Duration circuitOpen) {

        public boolean isRemote() {
            return url.isPresent();
        }
    }

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    public static final String OFFLINE_MODEL_NAME = "offline-deterministic";

    public static ServiceConfig fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env);
        int port = r.integer("PORT", 8080, 0, 65535);
        int managementPort = r.integer("MANAGEMENT_PORT", 8081, 0, 65535);
        if (port != 0 && port == managementPort) {
            r.problem("MANAGEMENT_PORT", String.valueOf(managementPort), "must differ from PORT (" + port + ")");
        }

        Database database = Database.read(r);

        Redis redis = new Redis(
                r.required("REDIS_HOST"),
                r.integer("REDIS_PORT", 6379, 1, 65535),
                r.bool("REDIS_TLS", false),
                r.secret("REDIS_PASSWORD", "REDIS_PASSWORD_FILE", false),
                Duration.ofMillis(r.integer("REDIS_TIMEOUT_MS", 500, 50, 10000)));

        Optional<URI> llmUrl = r.httpUrl("LLM_API_URL");
        Optional<Secret> llmKey = r.secret("LLM_API_KEY", "LLM_API_KEY_FILE", false);
        if (llmUrl.isEmpty() && llmKey.isPresent()) {
            r.problem("LLM_API_URL", "", "must be set when LLM_API_KEY or LLM_API_KEY_FILE is set");
        }
        String llmModel = r.text("LLM_MODEL", llmUrl.isPresent() ? null : OFFLINE_MODEL_NAME);
        if (llmUrl.isPresent() && llmModel == null) {
            r.problem("LLM_MODEL", "", "must name the model when LLM_API_URL is set (for example gpt-4o-mini)");
        }
        Llm llm = new Llm(llmUrl, llmKey, llmModel,
                Duration.ofMillis(r.integer("LLM_TIMEOUT_MS", 30000, 100, 600000)),
                r.integer("LLM_MAX_RETRIES", 2, 0, 5),
                Duration.ofMillis(r.integer("LLM_RETRY_BACKOFF_MS", 200, 1, 10000)),
                Duration.ofSeconds(r.integer("LLM_CIRCUIT_OPEN_SECONDS", 30, 1, 3600)));

        ServiceConfig config = new ServiceConfig(
                port,
                managementPort,
                database,
                redis,
                llm,
                r.integer("RATE_LIMIT_PER_MINUTE", 60, 0, 1_000_000),
                Duration.ofSeconds(r.integer("CACHE_TTL_SECONDS", 3600, 0, 30 * 24 * 3600)),
                Duration.ofSeconds(r.integer("SHUTDOWN_GRACE_SECONDS", 20, 1, 3600)),
                r.oneOf("LOG_LEVEL", "INFO", LOG_LEVELS, true),
                r.integer("MAX_PROMPT_CHARS", 8000, 1, 1_000_000),
                r.integer("MAX_BODY_BYTES", 65536, 1024, 10 * 1024 * 1024),
                r.bool("MIGRATE_ON_START", false),
                Duration.ofMillis(r.integer("OFFLINE_MODEL_DELAY_MS", 0, 0, 60000)));
        r.throwIfAnyProblem();
        return config;
    }
}
