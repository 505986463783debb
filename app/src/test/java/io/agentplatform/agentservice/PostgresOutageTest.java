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

class PostgresOutageTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void withPostgresDownTheServiceIsNotReadyWritesGet503AndNoPartialRowIsLeftThenItRecoversWithoutRestart() {
        HttpResponse<String> before = service.postTask("{\"prompt\":\"before the outage\"}");
        assertThat(before.statusCode()).isEqualTo(201);
        String existingId = Json.parse(before.body()).path("id").asString();
        String marker = "during-outage-" + UUID.randomUUID();

        EmbeddedServers.get().stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.management("/health/ready").statusCode()).isEqualTo(503));
            assertThat(service.management("/health/live").statusCode()).isEqualTo(200);

            HttpResponse<String> write = service.postTask("{\"prompt\":\"" + marker + "\"}", "Idempotency-Key", marker);
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.headers().firstValue("Retry-After")).isPresent();
            assertThat(Json.parse(write.body()).path("code").asString()).isEqualTo("database_unavailable");
            assertThat(write.body()).doesNotContain("Exception");

            HttpResponse<String> read = service.get("/v1/tasks/" + existingId);
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.headers().firstValue("Retry-After")).isPresent();

            HttpResponse<String> writeWithoutKey = service.postTask("{\"prompt\":\"" + marker + "\"}");
            assertThat(writeWithoutKey.statusCode()).isEqualTo(503);
        } finally {
            EmbeddedServers.get().startPostgres();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(service.management("/health/ready").statusCode()).isEqualTo(200));
        assertThat(service.countRows("prompt = '" + marker + "'")).as("no partial row from the outage").isZero();
        assertThat(service.get("/v1/tasks/" + existingId).statusCode()).isEqualTo(200);

        // The client's retry with the same key now succeeds, exactly once.
        HttpResponse<String> retried = service.postTask("{\"prompt\":\"" + marker + "\"}", "Idempotency-Key", marker);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(service.countRows("prompt = '" + marker + "'")).isEqualTo(1);
    }
}
