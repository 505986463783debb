package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentplatform.agentservice.support.RunningService;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void onShutdownAnInFlightRequestStillCompletesAndNewConnectionsAreRefused() throws Exception {
        RunningService service = RunningService.startMigrated(Map.of(
                "OFFLINE_MODEL_DELAY_MS", "2000", "SHUTDOWN_GRACE_SECONDS", "10", "RATE_LIMIT_PER_MINUTE", "0"));
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> service.postTask("{\"prompt\":\"finish me before exiting\"}"));
        Thread.sleep(500); // the request is now waiting on the model

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(service::close);
        Thread.sleep(500); // shutdown has begun while the request is still running

        assertThatThrownBy(() -> service.get("/v1/tasks/00000000-0000-0000-0000-000000000000"))
                .as("no new connection is accepted once shutdown begins")
                .isInstanceOf(UncheckedIOException.class);
        HttpResponse<String> response = inFlight.get(15, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(201);
        shutdown.get(15, TimeUnit.SECONDS);
        assertThat(service.context().isActive()).isFalse();
    }
}
