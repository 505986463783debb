package io.agentplatform.agentservice;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the database pool and the Redis connection before the service reports ready, so the first
 * request does not pay for it. A dependency that is down is only logged: readiness reports it.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final DataSource dataSource;
    private final RedisConnectionFactory redis;

    WarmUp(DataSource dataSource, RedisConnectionFactory redis) {
        this.dataSource = dataSource;
        this.redis = redis;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (var connection = dataSource.getConnection()) {
            connection.isValid(1);
        } catch (Exception e) {
            log.warn("PostgreSQL not reachable at startup; the service stays unready until it is: {}", e.toString());
        }
        try (RedisConnection connection = redis.getConnection()) {
            connection.ping();
        } catch (Exception e) {
            log.warn("Redis not reachable at startup; caching and rate limiting are off until it is: {}", e.toString());
        }
    }
}
