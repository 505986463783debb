package io.agentplatform.agentservice.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

@Repository
public class TaskRepository {

    private static final String COLUMNS = "id, client_id, idempotency_key, request_hash, status, prompt, metadata::text AS metadata,"
            + " answer, error, model, cached, created_at, completed_at, model_ms, total_ms";

    private final JdbcTemplate jdbc;

    public TaskRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the complete task in one statement. Returns false when another request with the same
     * client and Idempotency-Key got there first (the caller then answers with that task).
     */
    public boolean insertIfAbsent(Task task) {
        int inserted = jdbc.update("INSERT INTO tasks (id, client_id, idempotency_key, request_hash, status, prompt, metadata,"
                        + " answer, error, model, cached, created_at, completed_at, model_ms, total_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING",
                task.id(), task.clientId(), text(task.idempotencyKey()), task.requestHash(), task.status().value(), task.prompt(),
                task.metadataJson(), text(task.answer()), text(task.error()), task.model(), task.cached(),
                utc(task.createdAt()), utc(task.completedAt()), task.modelMs(), task.totalMs());
        return inserted == 1;
    }

    public Optional<Task> findById(UUID id) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", TaskRepository::map, id));
    }

    public Optional<Task> findByIdempotencyKey(String clientId, String idempotencyKey) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM tasks WHERE client_id = ? AND idempotency_key = ?",
                TaskRepository::map, clientId, idempotencyKey));
    }

    private static Optional<Task> first(List<Task> tasks) {
        return tasks.stream().findFirst();
    }

    /** Typed, so that a null needs no look-up of the parameter's type through the connection's metadata. */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Task map(ResultSet row, int rowNumber) throws SQLException {
        return new Task(
                row.getObject("id", UUID.class),
                row.getString("client_id"),
                row.getString("idempotency_key"),
                row.getString("request_hash"),
                Task.Status.of(row.getString("status")),
                row.getString("prompt"),
                row.getString("metadata"),
                row.getString("answer"),
                row.getString("error"),
                row.getString("model"),
                row.getBoolean("cached"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("completed_at", OffsetDateTime.class).toInstant(),
                row.getInt("model_ms"),
                row.getInt("total_ms"));
    }
}
