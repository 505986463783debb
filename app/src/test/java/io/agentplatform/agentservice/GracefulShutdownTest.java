package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentplatform.agentservice.support.RunningService;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void onShutdownAnInFlightRequestStillCompletesAndNewConnectionsAreRefused() throws Exception {
        // The model takes 8 s, so the request is still running while shutdown begins even on a loaded machine.
        RunningService service = RunningService.startMigrated(Map.of(
                "OFFLINE_MODEL_DELAY_MS", "8000", "SHUTDOWN_GRACE_SECONDS", "20", "RATE_LIMIT_PER_MINUTE", "0"));
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> service.postTask("{\"prompt\":\"finish me before exiting\"}"));
        // Waited for, not slept for: on a busy machine the request can take longer than any fixed sleep to arrive.
        await().atMost(Duration.ofSeconds(4)).until(() -> postsInFlight(service) > 0);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(service::close);
        await("no new connection is accepted once shutdown begins").atMost(Duration.ofSeconds(4))
                .until(() -> refusesNewConnections(service));
        assertThat(inFlight).as("the request is still running when new connections are refused").isNotDone();

        HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(201);
        shutdown.get(20, TimeUnit.SECONDS);
        assertThat(service.context().isActive()).isFalse();
    }

    /** POST requests the service is handling now, from its active-requests metric. */
    private static double postsInFlight(RunningService service) {
        return service.management("/metrics").body().lines()
                .filter(line -> line.startsWith("http_server_requests_active_seconds_gcount{") && line.contains("method=\"POST\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean refusesNewConnections(RunningService service) {
        try {
            service.get("/v1/tasks/00000000-0000-0000-0000-000000000000");
            return false;
        } catch (UncheckedIOException refused) {
            return true;
        }
    }
}
