package io.agentplatform.agentservice.task;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.agentplatform.agentservice.web.ApiException;
import io.agentplatform.agentservice.web.ClientIds;
import io.agentplatform.agentservice.web.RateLimitInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(TaskController.ROUTE)
public class TaskController {

    /** The collection route; also what DirectTaskCreationFilter serves. */
    public static final String ROUTE = "/v1/tasks";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ACCEPTED_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final TaskService service;
    private final Agent agent;
    private final RateLimitInterceptor admission;
    private final JsonMapper json;
    private final ObjectWriter viewWriter;
    private final int maxBodyBytes;
    private final int maxPromptChars;

    public TaskController(TaskService service, Agent agent, RateLimitInterceptor admission, JsonMapper json,
                          ServiceConfig config) {
        this.service = service;
        this.agent = agent;
        this.admission = admission;
        this.json = json;
        this.viewWriter = json.writerFor(TaskView.class);
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxPromptChars = config.maxPromptChars();
    }

    // produces: an Accept without JSON is refused (406) before the task runs, not after it was stored.
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Read here, not through @RequestHeader: its name is resolved as a placeholder expression on every request.
        String idempotencyKey = headerValues(request, IDEMPOTENCY_KEY);
        if (idempotencyKey != null && !ACCEPTED_KEY.matcher(idempotencyKey).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
                    IDEMPOTENCY_KEY + " must be 1 to 200 printable ASCII characters without spaces.");
        }
        NewTask newTask = NewTask.parse(readBody(request), maxPromptChars, json);
        Optional<String> cacheKey = agent.cacheKey(newTask.prompt());
        Agent.CacheLookup cacheLookup = new Agent.CacheLookup(cacheKey, admission.admit(request, response, cacheKey));
        TaskService.Outcome outcome = service.create(ClientIds.of(request), idempotencyKey, newTask, cacheLookup);
        Task task = outcome.task();
        // A new task's metadata is the parsed request's (what was just stored); only a replay reads the stored JSON.
        byte[] body = viewWriter.writeValueAsBytes(outcome.replayed() ? view(task) : view(task, newTask.metadata()));
        // Written here instead of returned as a ResponseEntity: Spring's return-value handling (handler selection,
        // generic type resolution, converter negotiation, a flush that sends headers and a chunked body in separate
        // writes) was a quarter of a POST's CPU samples. The 201 is sent with its length in one write.
        response.setStatus(HttpStatus.CREATED.value());
        response.setHeader(HttpHeaders.LOCATION, ROUTE + "/" + task.id());
        if (outcome.replayed()) {
            // A replay answers exactly like the first response, plus a header saying it is one.
            response.setHeader(REPLAYED, "true");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** All values of a header joined by commas, as {@code @RequestHeader String} gives them; null when absent. */
    private static String headerValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public TaskView get(@PathVariable("id") String id) {
        // UUID.fromString also takes short forms such as 1-1-1-1-1; an id is only the canonical 36 characters.
        if (!CANONICAL_UUID.matcher(id).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_task_id",
                    "A task id is a UUID in its canonical form: 8-4-4-4-12 hexadecimal digits.");
        }
        UUID uuid = UUID.fromString(id);
        return service.find(uuid).map(this::view)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "task_not_found", "No task has id " + uuid + "."));
    }

    /** Reads at most MAX_BODY_BYTES, also for chunked bodies that announce no length. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                "The request body must be at most " + maxBodyBytes + " bytes.");
    }

    private TaskView view(Task task) {
        try {
            return view(task, json.readTree(task.metadataJson()));
        } catch (JacksonException e) {
            throw new IllegalStateException("stored metadata of task " + task.id() + " is not JSON", e);
        }
    }

    private static TaskView view(Task task, JsonNode metadata) {
        return new TaskView(task.id(), task.status().value(), task.answer(), task.error(), task.model(), task.cached(),
                metadata, new TaskView.Timings(task.createdAt(), task.completedAt(), task.totalMs(), task.modelMs()));
    }
}
