package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.RunningService;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckCommandTest {

    @Test
    void theImageHealthcheckCommandSucceedsAgainstALiveServiceAndFailsWhenNothingListens() throws Exception {
        try (RunningService service = RunningService.startMigrated(Map.of())) {
            assertThat(HealthCheckCommand.run(Map.of("MANAGEMENT_PORT", String.valueOf(service.managementPort())))).isZero();
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(HealthCheckCommand.run(Map.of("MANAGEMENT_PORT", String.valueOf(closedPort)))).isEqualTo(1);
    }
}
