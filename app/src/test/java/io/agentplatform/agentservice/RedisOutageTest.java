package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisOutageTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "100"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void withRedisDownTheServiceStillAnswersStaysReadyAndRecoversCachingWhenRedisReturns() {
        String prompt = "{\"prompt\":\"redis outage " + UUID.randomUUID() + "\"}";
        assertThat(service.postTask(prompt).statusCode()).isEqualTo(201);

        EmbeddedServers.get().stopRedis();
        try {
            long start = System.nanoTime();
            HttpResponse<String> duringOutage = service.postTask(prompt);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(duringOutage.statusCode()).isEqualTo(201);
            assertThat(Json.parse(duringOutage.body()).path("cached").asBoolean()).isFalse();
            assertThat(Json.parse(duringOutage.body()).path("answer").asString()).startsWith("Offline answer");
            assertThat(millis).as("a Redis outage must not stall requests").isLessThan(5000);
            String id = Json.parse(duringOutage.body()).path("id").asString();
            assertThat(service.get("/v1/tasks/" + id).statusCode()).isEqualTo(200);
            assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);
            assertThat(service.management("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> overall = service.management("/health");
            assertThat(Json.parse(overall.body()).path("components").path("redis").path("status").asString()).isEqualTo("DOWN");
            assertThat(service.management("/metrics").body()).containsPattern("agent_redis_errors_total\\{[^}]*operation=\"cache_get\"[^}]*} [1-9]");
        } finally {
            EmbeddedServers.get().startRedis();
        }

        // Lettuce reconnects in the background: the cache works again without a restart.
        String fresh = "{\"prompt\":\"after redis came back " + UUID.randomUUID() + "\"}";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            service.postTask(fresh);
            HttpResponse<String> again = service.postTask(fresh);
            assertThat(Json.parse(again.body()).path("cached").asBoolean()).isTrue();
        });
    }
}
