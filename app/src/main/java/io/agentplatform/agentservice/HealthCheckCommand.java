package io.agentplatform.agentservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code healthcheck}: exits 0 when the liveness probe of the instance in this container answers
 * 200. Lets the image's HEALTHCHECK work without curl or wget in the runtime image.
 */
final class HealthCheckCommand {

    private HealthCheckCommand() {
    }

    static int run(Map<String, String> env) {
        String port = env.getOrDefault("MANAGEMENT_PORT", "8081");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.trim() + "/health/live"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? AgentServiceApplication.EXIT_OK : AgentServiceApplication.EXIT_FAILURE;
        } catch (Exception e) {
            return AgentServiceApplication.EXIT_FAILURE;
        }
    }
}
