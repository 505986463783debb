package io.agentplatform.agentservice.redis;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Per-client fixed-window limit (RATE_LIMIT_PER_MINUTE requests per calendar minute), counted in
 * Redis so all replicas share it. Increment and expiry run in one Lua script so that a crash between
 * them cannot leave a counter that never expires. When Redis is down requests are let through: the
 * limit protects the model, it must not take the service down with Redis.
 *
 * <p>The scripts run by their SHA-1 on Lettuce's shared connection ({@link SharedRedisCommands}) rather than through RedisTemplate's script
 * executor: its connection proxy, transaction-synchronization look-ups and argument serializers were a third of the
 * Redis call's CPU samples on the POST path (docs/benchmarks.md, fourth pass).
 */
@Component
public class RateLimiter {

    private static final RedisScript<Long> INCREMENT_WITH_EXPIRY = RedisScript.of(
            "local count = redis.call('INCR', KEYS[1]) "
                    + "if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
                    + "return count",
            Long.class);

    /**
     * The same counting plus, for an allowed request, the GET of a cached answer: one round trip for
     * what the POST path needs from Redis before it runs. ARGV: limit (0 = no counting), expiry, "1" to GET.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT_AND_GET = RedisScript.of(
            "local count = 0 "
                    + "if ARGV[1] ~= '0' then "
                    + "  count = redis.call('INCR', KEYS[1]) "
                    + "  if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end "
                    + "end "
                    + "local value = false "
                    + "if ARGV[3] == '1' and (ARGV[1] == '0' or count <= tonumber(ARGV[1])) then "
                    + "  value = redis.call('GET', KEYS[2]) "
                    + "end "
                    + "return {count, value}",
            List.class);

    private final SharedRedisCommands redis;
    private final long timeoutNanos;
    private final int limitPerMinute;
    private final Clock clock;
    private final Counter rejections;
    private final RedisErrors errors;

    public RateLimiter(SharedRedisCommands redis, ServiceConfig config, MeterRegistry meters, RedisErrors errors) {
        this.redis = redis;
        this.timeoutNanos = config.redis().timeout().toNanos();
        this.limitPerMinute = config.rateLimitPerMinute();
        this.clock = Clock.systemUTC();
        this.rejections = Counter.builder("agent.rate.limit.rejections")
                .description("Requests refused with 429 by the per-client rate limit").register(meters);
        this.errors = errors;
    }

    public record Decision(boolean allowed, int limit, long remaining, long retryAfterSeconds) {
    }

    /** A decision and, when the request is allowed and a key was asked for, the value stored under that key. */
    public record Admission(Decision decision, Optional<String> value) {
    }

    /**
     * Counts the request and, if it is allowed, reads {@code key} in the same round trip. When Redis
     * is down the request is let through and the value is missing (both failures are counted).
     */
    public Admission checkAndGet(String clientId, Optional<String> key) {
        if (limitPerMinute == 0 && key.isEmpty()) {
            return new Admission(check(clientId), Optional.empty());
        }
        long nowSeconds = clock.millis() / 1000;
        List<?> reply;
        try {
            reply = run(COUNT_AND_GET, ScriptOutputType.MULTI, keys(counterKey(clientId, nowSeconds), key.orElse("")),
                    bytes(String.valueOf(limitPerMinute)), bytes("61"), bytes(key.isPresent() ? "1" : "0"));
        } catch (RuntimeException e) {
            if (limitPerMinute > 0) {
                errors.record("rate_limit", e);
            }
            key.ifPresent(ignored -> errors.record("cache_get", e));
            return new Admission(check(clientId, 0, nowSeconds, true), Optional.empty());
        }
        long used = reply == null || reply.isEmpty() || !(reply.get(0) instanceof Number count) ? 0 : count.longValue();
        Object value = reply == null || reply.size() < 2 ? null : reply.get(1);
        return new Admission(check(clientId, used, nowSeconds, false),
                value instanceof byte[] text ? Optional.of(new String(text, StandardCharsets.UTF_8)) : Optional.empty());
    }

    /** EVALSHA, and EVAL when Redis does not know the script yet (first use, a restart, SCRIPT FLUSH). */
    private <T> T run(RedisScript<?> script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        RedisClusterAsyncCommands<byte[], byte[]> commands = redis.get();
        try {
            return LettuceFutures.awaitOrCancel(commands.<T>evalsha(script.getSha1(), type, keys, args),
                    timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RedisNoScriptException e) {
            return LettuceFutures.awaitOrCancel(commands.<T>eval(script.getScriptAsString(), type, keys, args),
                    timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static byte[][] keys(String... keys) {
        byte[][] encoded = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            encoded[i] = bytes(keys[i]);
        }
        return encoded;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String counterKey(String clientId, long nowSeconds) {
        return "agent:ratelimit:" + clientId + ":" + nowSeconds / 60;
    }

    private Decision check(String clientId, long used, long nowSeconds, boolean redisFailed) {
        if (limitPerMinute == 0) {
            return new Decision(true, 0, Long.MAX_VALUE, 0);
        }
        if (redisFailed) {
            return new Decision(true, limitPerMinute, limitPerMinute, 0);
        }
        if (used > limitPerMinute) {
            rejections.increment();
            return new Decision(false, limitPerMinute, 0, 60 - nowSeconds % 60);
        }
        return new Decision(true, limitPerMinute, limitPerMinute - used, 0);
    }

    public Decision check(String clientId) {
        if (limitPerMinute == 0) {
            return new Decision(true, 0, Long.MAX_VALUE, 0);
        }
        long nowSeconds = clock.millis() / 1000;
        Long count;
        try {
            count = run(INCREMENT_WITH_EXPIRY, ScriptOutputType.INTEGER, keys(counterKey(clientId, nowSeconds)), bytes("61"));
        } catch (RuntimeException e) {
            errors.record("rate_limit", e);
            return check(clientId, 0, nowSeconds, true);
        }
        return check(clientId, count == null ? 0 : count, nowSeconds, false);
    }
}
