package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class LoggingTest {

    @Test
    void logsAreJsonLinesCarryingTheRequestIdAndNeverThePromptOrThePassword(CapturedOutput output) throws Exception {
        Map<String, String> env = RunningService.environmentForNewDatabase();
        String password = Files.readString(Path.of(env.get("DB_PASSWORD_FILE"))).trim();
        String promptMarker = "private-prompt-" + UUID.randomUUID();
        String requestId = "log-test-" + UUID.randomUUID();

        assertThat(MigrateCommand.run(env)).isZero();
        try (RunningService service = RunningService.start(env)) {
            assertThat(service.postTask("{\"prompt\":\"" + promptMarker + "\"}", "X-Request-ID", requestId).statusCode())
                    .isEqualTo(201);
        }

        List<String> requestLines = output.getOut().lines().filter(line -> line.contains(requestId)).toList();
        assertThat(requestLines).isNotEmpty();
        for (String line : requestLines) {
            JsonNode entry = Json.parse(line);
            assertThat(entry.path("requestId").asString()).isEqualTo(requestId);
        }
        assertThat(requestLines).anySatisfy(line -> assertThat(Json.parse(line).path("message").asString()).isEqualTo("task finished"));
        assertThat(requestLines).anySatisfy(line -> assertThat(Json.parse(line).path("message").asString()).isEqualTo("request completed"));
        assertThat(output.getAll()).doesNotContain(promptMarker).doesNotContain(password);
    }
}
