package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        // A slow model widens the window in which concurrent retries race each other.
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0", "OFFLINE_MODEL_DELAY_MS", "200"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstTaskAndStoresNoSecondRow() {
        String key = UUID.randomUUID().toString();
        String body = "{\"prompt\":\"book a meeting room\",\"metadata\":{\"a\":1,\"b\":2}}";
        HttpResponse<String> first = service.postTask(body, "Idempotency-Key", key, "X-Client-ID", "retrying-client");
        // Same request, keys in another order: still the same request.
        HttpResponse<String> retry = service.postTask("{\"metadata\":{\"b\":2,\"a\":1},\"prompt\":\"book a meeting room\"}",
                "Idempotency-Key", key, "X-Client-ID", "retrying-client");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(Json.parse(retry.body())).isEqualTo(Json.parse(first.body()));
        assertThat(service.countRows("idempotency_key = '" + key + "'")).isEqualTo(1);
    }

    @Test
    void reusingAKeyForADifferentRequestIs422AndStoresNothing() {
        String key = UUID.randomUUID().toString();
        service.postTask("{\"prompt\":\"first request\"}", "Idempotency-Key", key, "X-Client-ID", "reusing-client");

        HttpResponse<String> reuse = service.postTask("{\"prompt\":\"another request\"}",
                "Idempotency-Key", key, "X-Client-ID", "reusing-client");

        assertThat(reuse.statusCode()).isEqualTo(422);
        assertThat(Json.parse(reuse.body()).path("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(service.countRows("idempotency_key = '" + key + "'")).isEqualTo(1);
    }

    @Test
    void theSameKeyFromTwoClientsMakesTwoTasks() {
        String key = UUID.randomUUID().toString();
        String a = Json.parse(service.postTask("{\"prompt\":\"x\"}", "Idempotency-Key", key, "X-Client-ID", "client-a").body())
                .path("id").asString();
        String b = Json.parse(service.postTask("{\"prompt\":\"x\"}", "Idempotency-Key", key, "X-Client-ID", "client-b").body())
                .path("id").asString();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void concurrentRetriesWithTheSameKeyAllGetTheSameTaskAndOneRow() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> service.postTask("{\"prompt\":\"race " + key + "\"}",
                        "Idempotency-Key", key, "X-Client-ID", "racing-client"), pool));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(Json.parse(response.body()).path("id").asString());
            }
            assertThat(ids).hasSize(1);
            assertThat(service.countRows("idempotency_key = '" + key + "'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAKeyEveryPostIsANewTask() {
        Set<String> ids = java.util.stream.IntStream.range(0, 2)
                .mapToObj(i -> Json.parse(service.postTask("{\"prompt\":\"no key\"}", "X-Client-ID", "keyless").body())
                        .path("id").asString())
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(2);
    }
}
