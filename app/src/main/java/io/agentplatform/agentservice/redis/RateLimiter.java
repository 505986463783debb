package io.agentplatform.agentservice.redis;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Per-client fixed-window limit (RATE_LIMIT_PER_MINUTE requests per calendar minute), counted in
 * Redis so all replicas share it. Increment and expiry run in one Lua script so that a crash between
 * them cannot leave a counter that never expires. When Redis is down requests are let through: the
 * limit protects the model, it must not take the service down with Redis.
 */
@Component
public class RateLimiter {

    private static final RedisScript<Long> INCREMENT_WITH_EXPIRY = RedisScript.of(
            "local count = redis.call('INCR', KEYS[1]) "
                    + "if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
                    + "return count",
            Long.class);

    private final StringRedisTemplate redis;
    private final int limitPerMinute;
    private final Clock clock;
    private final Counter rejections;
    private final RedisErrors errors;

    public RateLimiter(StringRedisTemplate redis, ServiceConfig config, MeterRegistry meters, RedisErrors errors) {
        this.redis = redis;
        this.limitPerMinute = config.rateLimitPerMinute();
        this.clock = Clock.systemUTC();
        this.rejections = Counter.builder("agent.rate.limit.rejections")
                .description("Requests refused with 429 by the per-client rate limit").register(meters);
        this.errors = errors;
    }

    public record Decision(boolean allowed, int limit, long remaining, long retryAfterSeconds) {
    }

    public Decision check(String clientId) {
        if (limitPerMinute == 0) {
            return new Decision(true, 0, Long.MAX_VALUE, 0);
        }
        long nowSeconds = clock.millis() / 1000;
        long window = nowSeconds / 60;
        long secondsLeftInWindow = 60 - nowSeconds % 60;
        Long count;
        try {
            count = redis.execute(INCREMENT_WITH_EXPIRY, List.of("agent:ratelimit:" + clientId + ":" + window), "61");
        } catch (RuntimeException e) {
            errors.record("rate_limit", e);
            return new Decision(true, limitPerMinute, limitPerMinute, 0);
        }
        long used = count == null ? 0 : count;
        if (used > limitPerMinute) {
            rejections.increment();
            return new Decision(false, limitPerMinute, 0, secondsLeftInWindow);
        }
        return new Decision(true, limitPerMinute, limitPerMinute - used, 0);
    }
}
