package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.RunningService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/** Nobody listens for Spring's ServletRequestHandledEvent, so neither server pays for publishing one per request. */
class RequestHandledEventsTest {

    @Test
    void neitherTheApiServerNorTheManagementServerPublishesAnEventPerRequest() {
        RunningService service = RunningService.startMigrated(Map.of());
        try {
            List<ServletRequestHandledEvent> events = new CopyOnWriteArrayList<>();
            // The management server's child context publishes through its parent, this context, as well.
            service.context().addApplicationListener((ApplicationListener<ServletRequestHandledEvent>) events::add);

            assertThat(service.postTask("{\"prompt\":\"no event for me\"}").statusCode()).isEqualTo(201);
            assertThat(service.get("/v1/tasks/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
            assertThat(service.management("/health/live").statusCode()).isEqualTo(200);
            assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);

            assertThat(events).isEmpty();
        } finally {
            service.close();
        }
    }
}
