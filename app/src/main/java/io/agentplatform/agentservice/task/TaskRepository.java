package io.agentplatform.agentservice.task;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TaskRepository {

    private static final String COLUMNS = "id, client_id, idempotency_key, request_hash, status, prompt, metadata::text AS metadata,"
            + " answer, error, model, cached, created_at, completed_at, model_ms, total_ms";

    private static final String ON_CONFLICT =
            " ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id";

    private final JdbcTemplate jdbc;
    /** Statement texts by batch size: without and with ON CONFLICT. */
    private final Map<Integer, String> plainInsertSql = new ConcurrentHashMap<>();
    private final Map<Integer, String> onConflictInsertSql = new ConcurrentHashMap<>();

    public TaskRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the complete tasks in one statement, so in one transaction: all of them or none. Returns
     * the ids of the rows inserted; a task missing from it lost to an earlier one with the same client
     * and Idempotency-Key (in the table or earlier in {@code batch}), and its caller answers with that one.
     */
    public Set<UUID> insertIfAbsent(List<Task> batch) {
        if (batch.stream().allMatch(task -> task.idempotencyKey() == null)) {
            // Without a key no row can conflict (the unique index covers keyed rows only), so a plain INSERT: ON CONFLICT
            // makes PostgreSQL insert each row speculatively and confirm it in a second WAL record.
            jdbc.update(plainInsertSql.computeIfAbsent(batch.size(), rows -> insertSql(rows, "")),
                    statement -> bind(statement, batch));
            return batch.stream().map(Task::id).collect(Collectors.toUnmodifiableSet());
        }
        return Set.copyOf(jdbc.query(onConflictInsertSql.computeIfAbsent(batch.size(), rows -> insertSql(rows, ON_CONFLICT)),
                statement -> bind(statement, batch),
                (row, rowNumber) -> row.getObject(1, UUID.class)));
    }

    private static void bind(PreparedStatement statement, List<Task> batch) throws SQLException {
        int index = 0;
        for (Task task : batch) {
            statement.setObject(++index, task.id());
            statement.setString(++index, task.clientId());
            // Typed nulls: an untyped one costs a look-up of the parameter's type through the connection's metadata.
            setText(statement, ++index, task.idempotencyKey());
            statement.setString(++index, task.requestHash());
            statement.setString(++index, task.status().value());
            statement.setString(++index, task.prompt());
            statement.setString(++index, task.metadataJson());
            setText(statement, ++index, task.answer());
            setText(statement, ++index, task.error());
            statement.setString(++index, task.model());
            statement.setBoolean(++index, task.cached());
            statement.setObject(++index, utc(task.createdAt()));
            statement.setObject(++index, utc(task.completedAt()));
            statement.setInt(++index, task.modelMs());
            statement.setInt(++index, task.totalMs());
        }
    }

    /**
     * The INSERT of {@code rows} tasks followed by {@code tail}; built once per size and kind (cached above), so the
     * driver prepares each once per connection.
     */
    private static String insertSql(int rows, String tail) {
        return "INSERT INTO tasks (id, client_id, idempotency_key, request_hash, status, prompt, metadata, answer, error,"
                + " model, cached, created_at, completed_at, model_ms, total_ms) VALUES " + String.join(", ",
                Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?)")) + tail;
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
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
