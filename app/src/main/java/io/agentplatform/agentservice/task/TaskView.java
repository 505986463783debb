package io.agentplatform.agentservice.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The JSON shape of a task returned by the API. The prompt is not echoed back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID id, String status, String answer, String error, String model, boolean cached,
                       JsonNode metadata, Timings timings) {

    public record Timings(Instant createdAt, Instant completedAt, int totalMs, int modelMs) {
    }
}
