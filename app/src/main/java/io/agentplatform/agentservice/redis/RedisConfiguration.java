package io.agentplatform.agentservice.redis;

import io.agentplatform.agentservice.config.Secret;
import io.agentplatform.agentservice.config.ServiceConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(ServiceConfig config) {
        ServiceConfig.Redis redis = config.redis();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is unreachable, fail commands at once instead of queueing them:
                // the cache and rate limiter then degrade without slowing requests down.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout(redis.timeout())).build())
                .timeoutOptions(TimeoutOptions.enabled(redis.timeout()))
                .build();
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .clientName("agent-service")
                .commandTimeout(redis.timeout())
                .clientOptions(options);
        if (redis.tls()) {
            client.useSsl();
        }
        redis.password().ifPresent(secret -> client.redisCredentialsProviderFactory(rereadOnConnect(secret)));
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()), client.build());
    }

    /** Opening a connection (TLS handshake included) may take longer than one command. */
    static Duration connectTimeout(Duration commandTimeout) {
        Duration floor = Duration.ofSeconds(2);
        return commandTimeout.compareTo(floor) > 0 ? commandTimeout : floor;
    }

    /** The AUTH token is read again for each new connection, so a rotated REDIS_PASSWORD_FILE applies on reconnect. */
    private static RedisCredentialsProviderFactory rereadOnConnect(Secret secret) {
        return new RedisCredentialsProviderFactory() {
            @Override
            public RedisCredentialsProvider createCredentialsProvider(
                    org.springframework.data.redis.connection.RedisConfiguration redisConfiguration) {
                return RedisCredentialsProvider.from(() -> RedisCredentials.just(null, secret.value()));
            }
        };
    }
}
