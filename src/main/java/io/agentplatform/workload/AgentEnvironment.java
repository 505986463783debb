package io.agentplatform.workload;

import com.pulumi.core.Output;
import io.agentplatform.config.AgentSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's non-secret settings as environment variables: the one list both the ConfigMap's data and the
 * container's {@code env} (each variable a {@code configMapKeyRef}) are made from, so a key cannot reach one and miss
 * the other. Keys are known when the program runs; values may wait on other resources (endpoints, the region).
 *
 * @param variables name → value, in the order the container lists them
 */
public record AgentEnvironment(Map<String, Output<String>> variables) {
    /** libpq/pgjdbc {@code sslmode}: TLS only where the server offers it, never plain text to such a server. */
    static final String DB_SSL_MODE_TLS = "require";
    static final String DB_SSL_MODE_PLAIN = "disable";
    static final String LOG_LEVEL = "INFO";

    public AgentEnvironment {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * The environment of the agent for its settings and data. How the app logs in to the database follows the
     * connection's login type; with IAM login it also gets the region it signs its tokens for.
     */
    public static AgentEnvironment of(AgentSettings s, DataConnections data) {
        DataConnections.Database db = data.database();
        DataConnections.Redis redis = data.redis();
        Map<String, Output<String>> m = new LinkedHashMap<>();
        m.put("PORT", Output.of(String.valueOf(AgentWorkload.HTTP_PORT)));
        m.put("MANAGEMENT_PORT", Output.of(String.valueOf(AgentWorkload.MANAGEMENT_PORT)));
        m.put("DB_HOST", db.host());
        m.put("DB_PORT", db.port().applyValue(String::valueOf));
        m.put("DB_NAME", Output.of(db.databaseName()));
        m.put("DB_USER", Output.of(DataConnections.APP_USER));
        m.put("DB_AUTH", Output.of(db.app().dbAuth()));
        m.put("DB_SSL_MODE", Output.of(db.tls() ? DB_SSL_MODE_TLS : DB_SSL_MODE_PLAIN));
        m.put("REDIS_HOST", redis.host());
        m.put("REDIS_PORT", redis.port().applyValue(String::valueOf));
        m.put("REDIS_TLS", Output.of(String.valueOf(redis.tls())));
        m.put("RATE_LIMIT_PER_MINUTE", Output.of(String.valueOf(s.rateLimitPerMinute())));
        m.put("SHUTDOWN_GRACE_SECONDS", Output.of(String.valueOf(s.shutdownGraceSeconds())));
        m.put("LOG_LEVEL", Output.of(LOG_LEVEL));
        if (db.app() instanceof DataConnections.IamLogin iam) {
            m.put("AWS_REGION", Output.of(iam.region()));
        }
        s.llmApiUrl().ifPresent(url -> m.put("LLM_API_URL", Output.of(url)));
        s.llmModel().ifPresent(model -> m.put("LLM_MODEL", Output.of(model)));
        return new AgentEnvironment(m);
    }

    /** The variable names, in the container's order. */
    public List<String> names() {
        return List.copyOf(variables.keySet());
    }

    /** The ConfigMap's data: every variable, sorted by name. */
    public Output<Map<String, String>> configMapData() {
        List<String> names = new ArrayList<>(variables.keySet());
        return Output.all(List.copyOf(variables.values())).applyValue(values -> {
            Map<String, String> data = new TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                data.put(names.get(i), values.get(i));
            }
            return data;
        });
    }
}
