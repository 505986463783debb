package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "3"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The limit counts per calendar minute; start well inside one so the window cannot roll over mid-test. */
    private static void awaitFreshMinute() throws InterruptedException {
        long secondOfMinute = Instant.now().getEpochSecond() % 60;
        if (secondOfMinute > 56) {
            Thread.sleep((61 - secondOfMinute) * 1000);
        }
    }

    @Test
    void theRequestAfterTheLimitIs429WithRetryAfterAndOtherClientsAreUnaffected() throws InterruptedException {
        awaitFreshMinute();
        String client = "limited-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = service.postTask("{\"prompt\":\"request " + i + "\"}", "X-Client-ID", client);
            assertThat(allowed.statusCode()).isEqualTo(201);
            assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).contains(String.valueOf(2 - i));
        }

        HttpResponse<String> limited = service.postTask("{\"prompt\":\"one too many\"}", "X-Client-ID", client);
        HttpResponse<String> otherClient = service.postTask("{\"prompt\":\"someone else\"}", "X-Client-ID", "other-" + UUID.randomUUID());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Json.parse(limited.body()).path("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(otherClient.statusCode()).isEqualTo(201);
    }

    @Test
    void aRateLimitedRequestStoresNothing() throws InterruptedException {
        awaitFreshMinute();
        String client = "limited-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            service.postTask("{\"prompt\":\"fill " + i + "\"}", "X-Client-ID", client);
        }
        HttpResponse<String> limited = service.postTask("{\"prompt\":\"must not be stored\"}", "X-Client-ID", client);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(service.countRows("prompt = 'must not be stored'")).isZero();
    }

    @Test
    void readingTasksCountsAgainstTheSameLimit() throws InterruptedException {
        awaitFreshMinute();
        String client = "reader-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(service.get("/v1/tasks/" + UUID.randomUUID(), "X-Client-ID", client).statusCode()).isEqualTo(404);
        }
        assertThat(service.get("/v1/tasks/" + UUID.randomUUID(), "X-Client-ID", client).statusCode()).isEqualTo(429);
    }
}
