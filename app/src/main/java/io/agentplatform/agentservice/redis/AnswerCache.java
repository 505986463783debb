package io.agentplatform.agentservice.redis;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers cached in Redis by a hash of model and prompt (never the prompt itself). Redis being
 * down only costs a cache miss: errors are counted and logged, never passed to the caller.
 */
@Component
public class AnswerCache {

    private static final String KEY_PREFIX = "agent:answer:";

    private final SharedRedisCommands redis;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final RedisErrors errors;

    public AnswerCache(SharedRedisCommands redis, ServiceConfig config, MeterRegistry meters, RedisErrors errors) {
        this.redis = redis;
        this.ttl = config.cacheTtl();
        this.hits = Counter.builder("agent.cache.hits").description("Answers served from the Redis cache").register(meters);
        this.misses = Counter.builder("agent.cache.misses").description("Cache lookups that found no answer").register(meters);
        this.errors = errors;
    }

    public boolean enabled() {
        return !ttl.isZero();
    }

    /** The Redis key of a prompt's answer, or empty when caching is off. */
    public Optional<String> keyFor(String promptHash) {
        return enabled() ? Optional.of(KEY_PREFIX + promptHash) : Optional.empty();
    }

    /** Counts a lookup done elsewhere (in the rate limiter's round trip) as a hit or a miss. */
    public Optional<String> counted(Optional<String> found) {
        if (enabled()) {
            (found.isPresent() ? hits : misses).increment();
        }
        return found;
    }

    /** Stores {@code answer} under {@code cacheKey}, a key from {@link #keyFor}. */
    public void store(String cacheKey, String answer) {
        if (!enabled()) {
            return;
        }
        // Nobody waits for the reply: the request goes on while Redis stores the answer.
        byte[] key = cacheKey.getBytes(StandardCharsets.UTF_8);
        byte[] value = answer.getBytes(StandardCharsets.UTF_8);
        try {
            redis.get().set(key, value, SetArgs.Builder.ex(ttl)).whenComplete((ok, error) -> {
                if (error != null) {
                    errors.record("cache_put", error);
                }
            });
        } catch (RuntimeException e) {
            errors.record("cache_put", e);
        }
    }

}
