package io.agentplatform.agentservice.task;

import io.agentplatform.agentservice.model.ModelException;
import io.agentplatform.agentservice.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a task and stores it. The task is written once, complete, after the agent answered: an
 * outage at any point leaves either the whole row or nothing. With an Idempotency-Key, a retry
 * returns the first task instead of running the agent again.
 */
@Service
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);

    private final Agent agent;
    private final TaskRepository tasks;
    private final GroupCommit inserts;
    private final JsonMapper json;
    private final JsonMapper canonicalJson;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter replayed;

    public TaskService(Agent agent, TaskRepository tasks, GroupCommit inserts, JsonMapper json, MeterRegistry meters) {
        this.agent = agent;
        this.tasks = tasks;
        this.inserts = inserts;
        this.json = json;
        this.canonicalJson = NewTask.canonical(json);
        this.succeeded = Counter.builder("agent.tasks").tag("status", "succeeded").description("Tasks run").register(meters);
        this.failed = Counter.builder("agent.tasks").tag("status", "failed").description("Tasks run").register(meters);
        this.replayed = Counter.builder("agent.tasks.replayed")
                .description("Requests answered with an earlier task because of their Idempotency-Key").register(meters);
    }

    public record Outcome(Task task, boolean replayed) {
    }

    /** {@code cacheLookup}: what the admission found under {@link Agent#cacheKey} for this prompt. */
    public Outcome create(String clientId, String idempotencyKey, NewTask request, Agent.CacheLookup cacheLookup) {
        Instant received = now();
        long start = System.nanoTime();
        String requestHash = request.hash(canonicalJson);
        if (idempotencyKey != null) {
            Optional<Task> earlier = tasks.findByIdempotencyKey(clientId, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }

        Task.Status status;
        String answer = null;
        String error = null;
        boolean cached = false;
        long modelMillis = 0;
        try {
            Agent.Result result = agent.answer(request.prompt(), cacheLookup);
            status = Task.Status.SUCCEEDED;
            answer = result.answer();
            cached = result.cached();
            modelMillis = result.modelMillis();
        } catch (ModelException e) {
            if (e.reason() != ModelException.Reason.REJECTED) {
                throw e; // the model is down: answered 503, nothing stored
            }
            status = Task.Status.FAILED;
            error = e.getMessage();
        }
        Task task = new Task(UUID.randomUUID(), clientId, idempotencyKey, requestHash, status, request.prompt(),
                json.writeValueAsString(request.metadata()), answer, error, agent.modelName(), cached,
                received, now(), (int) modelMillis, (int) ((System.nanoTime() - start) / 1_000_000));

        if (!inserts.insertIfAbsent(task)) {
            // A concurrent retry with the same key stored its task first; answer with that one.
            Task winner = tasks.findByIdempotencyKey(clientId, idempotencyKey)
                    .orElseThrow(() -> new IllegalStateException("idempotency conflict without a stored task"));
            return replay(winner, requestHash);
        }
        (status == Task.Status.SUCCEEDED ? succeeded : failed).increment();
        log.atInfo().addKeyValue("taskId", task.id()).addKeyValue("status", status.value())
                .addKeyValue("cached", cached).addKeyValue("modelMs", modelMillis).addKeyValue("totalMs", task.totalMs())
                .log("task finished");
        return new Outcome(task, false);
    }

    public Optional<Task> find(UUID id) {
        return tasks.findById(id);
    }

    private Outcome replay(Task earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request body.");
        }
        replayed.increment();
        return new Outcome(earlier, true);
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; truncating here makes POST and GET return identical timings.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
