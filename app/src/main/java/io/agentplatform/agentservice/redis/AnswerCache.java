package io.agentplatform.agentservice.redis;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers cached in Redis by a hash of model and prompt (never the prompt itself). Redis being
 * down only costs a cache miss: errors are counted and logged, never passed to the caller.
 */
@Component
public class AnswerCache {

    private static final String KEY_PREFIX = "agent:answer:";

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final RedisErrors errors;

    public AnswerCache(StringRedisTemplate redis, ServiceConfig config, MeterRegistry meters, RedisErrors errors) {
        this.redis = redis;
        this.ttl = config.cacheTtl();
        this.hits = Counter.builder("agent.cache.hits").description("Answers served from the Redis cache").register(meters);
        this.misses = Counter.builder("agent.cache.misses").description("Cache lookups that found no answer").register(meters);
        this.errors = errors;
    }

    public boolean enabled() {
        return !ttl.isZero();
    }

    public Optional<String> find(String promptHash) {
        if (!enabled()) {
            return Optional.empty();
        }
        try {
            String answer = redis.opsForValue().get(KEY_PREFIX + promptHash);
            (answer == null ? misses : hits).increment();
            return Optional.ofNullable(answer);
        } catch (RuntimeException e) {
            errors.record("cache_get", e);
            return Optional.empty();
        }
    }

    public void store(String promptHash, String answer) {
        if (!enabled()) {
            return;
        }
        try {
            redis.opsForValue().set(KEY_PREFIX + promptHash, answer, ttl);
        } catch (RuntimeException e) {
            errors.record("cache_put", e);
        }
    }

}
