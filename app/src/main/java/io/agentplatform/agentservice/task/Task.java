package io.agentplatform.agentservice.task;

import java.time.Instant;
import java.util.UUID;

/** A finished agent task as stored in PostgreSQL. {@code metadataJson} is the client's JSON object. */
public record Task(
        UUID id,
        String clientId,
        String idempotencyKey,
        String requestHash,
        Status status,
        String prompt,
        String metadataJson,
        String answer,
        String error,
        String model,
        boolean cached,
        Instant createdAt,
        Instant completedAt,
        int modelMs,
        int totalMs) {

    public enum Status {
        SUCCEEDED, FAILED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
