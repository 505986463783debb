package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;

/**
 * The liveness probe answers from the liveness state with Actuator's own body and media type (what Actuator wrote
 * before the fast path, captured from it): 200 while the application is correct, 503 once it is broken. A request
 * for another media type still reaches Actuator.
 */
class LivenessProbeTest {
    private static final String ACTUATOR_V3 = "application/vnd.spring-boot.actuator.v3+json";
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aCorrectApplicationIsLiveWithActuatorsBodyInOneWrite() {
        HttpResponse<String> live = service.management("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValue(ACTUATOR_V3);
        assertThat(live.body()).isEqualTo("{\"components\":{\"livenessState\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
        // Actuator streams its body chunked; the fast path knows the length.
        assertThat(live.headers().firstValue("Content-Length")).hasValue(String.valueOf(live.body().length()));
    }

    @Test
    void aBrokenApplicationIsNotLive() {
        AvailabilityChangeEvent.publish(service.context(), LivenessState.BROKEN);
        try {
            HttpResponse<String> live = service.management("/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).isEqualTo("{\"components\":{\"livenessState\":{\"status\":\"DOWN\"}},\"status\":\"DOWN\"}");
        } finally {
            AvailabilityChangeEvent.publish(service.context(), LivenessState.CORRECT);
        }
    }

    @Test
    void aRequestForPlainJsonIsLeftToActuator() throws Exception {
        for (String accept : new String[] {"application/json", "application/json, */*;q=0.1"}) {
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.managementPort() + "/health/live"))
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
            assertThat(live.body()).contains("\"status\":\"UP\"");
        }
    }
}
