package io.agentplatform.agentservice.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    public record Database(String host, int port, String name, String user, Secret password, String sslMode,
                           int poolMax, Duration connectTimeout) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
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
        Reader r = new Reader(env);
        int port = r.integer("PORT", 8080, 0, 65535);
        int managementPort = r.integer("MANAGEMENT_PORT", 8081, 0, 65535);
        if (port != 0 && port == managementPort) {
            r.problem("MANAGEMENT_PORT", String.valueOf(managementPort), "must differ from PORT (" + port + ")");
        }

        Database database = new Database(
                r.required("DB_HOST"),
                r.integer("DB_PORT", 5432, 1, 65535),
                r.required("DB_NAME"),
                r.required("DB_USER"),
                r.secret("DB_PASSWORD", "DB_PASSWORD_FILE", true).orElse(null),
                r.oneOf("DB_SSL_MODE", "require", SSL_MODES, false),
                r.integer("DB_POOL_MAX", 10, 1, 200),
                Duration.ofMillis(r.integer("DB_CONNECT_TIMEOUT_MS", 2000, 250, 60000)));

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

    /** Collects problems instead of failing on the first one. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        void problem(String name, String shownValue, String allowed) {
            problems.add(name + "=\"" + shownValue + "\" is invalid: " + allowed);
        }

        private Optional<String> raw(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String required(String name) {
            Optional<String> value = raw(name);
            if (value.isEmpty()) {
                problems.add(name + " is not set: it is required");
                return null;
            }
            return value.get();
        }

        String text(String name, String defaultValue) {
            return raw(name).orElse(defaultValue);
        }

        int integer(String name, int defaultValue, int min, int max) {
            Optional<String> value = raw(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed < min || parsed > max) {
                    problem(name, value.get(), "must be a whole number from " + min + " to " + max);
                    return defaultValue;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(name, value.get(), "must be a whole number from " + min + " to " + max);
                return defaultValue;
            }
        }

        boolean bool(String name, boolean defaultValue) {
            Optional<String> value = raw(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    problem(name, value.get(), "must be true or false");
                    return defaultValue;
            }
        }

        String oneOf(String name, String defaultValue, Set<String> allowed, boolean upperCase) {
            Optional<String> value = raw(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            String normalized = upperCase ? value.get().toUpperCase(Locale.ROOT) : value.get().toLowerCase(Locale.ROOT);
            if (!allowed.contains(normalized)) {
                problem(name, value.get(), "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
                return defaultValue;
            }
            return normalized;
        }

        Optional<URI> httpUrl(String name) {
            Optional<String> value = raw(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = URI.create(value.get());
                String scheme = uri.getScheme();
                if (uri.getHost() == null || scheme == null
                        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                if (uri.getUserInfo() != null) {
                    // Credentials in the URL would end up in logs; they belong in LLM_API_KEY(_FILE).
                    problems.add(name + " is invalid: must not contain credentials (use LLM_API_KEY or LLM_API_KEY_FILE)");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (IllegalArgumentException e) {
                problem(name, value.get(), "must be an absolute http:// or https:// URL such as https://api.openai.com/v1");
                return Optional.empty();
            }
        }

        /** The *_FILE variant wins over the inline one; a secret's value is never echoed in a problem. */
        Optional<Secret> secret(String inlineName, String fileName, boolean required) {
            Optional<String> file = raw(fileName);
            if (file.isPresent()) {
                Path path = Path.of(file.get());
                if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                    problem(fileName, file.get(), "must be the path of a readable file");
                    return Optional.empty();
                }
                return Optional.of(Secret.fromFile(path));
            }
            String inline = env.get(inlineName);
            if (inline != null && !inline.isEmpty()) {
                return Optional.of(Secret.inline(inline));
            }
            if (required) {
                problems.add(inlineName + " or " + fileName + " must be set");
            }
            return Optional.empty();
        }

        void throwIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
        }
    }
}
