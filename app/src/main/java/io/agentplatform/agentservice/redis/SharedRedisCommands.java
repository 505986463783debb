package io.agentplatform.agentservice.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The asynchronous commands of the Lettuce connection that LettuceConnectionFactory shares between all threads,
 * looked up once: the factory's getConnection takes a lock and builds a wrapper (with a logger look-up) on every call,
 * 3 % of a POST's CPU samples for the two Redis commands of a request. The shared connection reconnects by itself
 * after a Redis outage, so the same commands object serves for the service's lifetime once Redis was reachable.
 */
@Component
public class SharedRedisCommands {

    private final LettuceConnectionFactory connections;
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;

    public SharedRedisCommands(LettuceConnectionFactory connections) {
        this.connections = connections;
    }

    /** Throws what the factory throws while Redis has never been reachable since the service started. */
    public RedisClusterAsyncCommands<byte[], byte[]> get() {
        RedisClusterAsyncCommands<byte[], byte[]> known = commands;
        if (known == null) {
            // Closing a LettuceConnection leaves the shared native connection open.
            try (RedisConnection connection = connections.getConnection()) {
                @SuppressWarnings("unchecked")
                RedisClusterAsyncCommands<byte[], byte[]> shared =
                        (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                known = shared;
            }
            commands = known;
        }
        return known;
    }
}
