package io.agentplatform.agentservice.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Counts Redis failures per operation and logs them at most every few seconds, so an outage cannot flood the logs. */
@Component
public class RedisErrors {

    private static final Logger log = LoggerFactory.getLogger(RedisErrors.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final Map<String, Counter> counters;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    public RedisErrors(MeterRegistry meters) {
        this.counters = Map.of(
                "cache_get", counter(meters, "cache_get"),
                "cache_put", counter(meters, "cache_put"),
                "rate_limit", counter(meters, "rate_limit"));
    }

    private static Counter counter(MeterRegistry meters, String operation) {
        return Counter.builder("agent.redis.errors").tag("operation", operation)
                .description("Redis operations that failed; the service carried on without Redis").register(meters);
    }

    void record(String operation, Throwable error) {
        counters.get(operation).increment();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            log.atWarn().addKeyValue("operation", operation)
                    .log("Redis unavailable, continuing without it: {}", error.toString());
        }
    }
}
