package io.agentplatform.agentservice.model;

import io.agentplatform.agentservice.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call to an OpenAI-compatible {@code POST {LLM_API_URL}/chat/completions} endpoint, bounded
 * by LLM_TIMEOUT_MS. Retries and the circuit breaker live in {@link ResilientModel}. The API key
 * is read at each call (so a rotated LLM_API_KEY_FILE applies at once) and is never logged.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

    private final HttpClient http;
    private final URI completionsUri;
    private final Optional<Secret> apiKey;
    private final String model;
    private final Duration timeout;
    private final JsonMapper json;

    public OpenAiCompatibleModel(URI baseUrl, Optional<Secret> apiKey, String model, Duration timeout, JsonMapper json) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.completionsUri = URI.create(base + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return model;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0);
        body.putArray("messages")
                .add(json.createObjectNode().put("role", "system").put("content", request.systemPrompt()))
                .add(json.createObjectNode().put("role", "user").put("content", request.userPrompt()));
        HttpRequest.Builder httpRequest = HttpRequest.newBuilder(completionsUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        apiKey.ifPresent(key -> httpRequest.header("Authorization", "Bearer " + key.value()));

        HttpResponse<byte[]> response;
        try {
            response = http.send(httpRequest.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ModelException(ModelException.Reason.TIMEOUT, "model did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ModelException(ModelException.Reason.UNAVAILABLE, "model endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Reason.UNAVAILABLE, "interrupted while calling the model");
        }
        return parse(response);
    }

    private ModelReply parse(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new ModelException(ModelException.Reason.UNAVAILABLE, "model endpoint answered HTTP " + status);
        }
        if (status == 401 || status == 403) {
            throw new ModelException(ModelException.Reason.MISCONFIGURED,
                    "model endpoint refused the credentials (HTTP " + status + "); check LLM_API_KEY");
        }
        if (status >= 400) {
            throw new ModelException(ModelException.Reason.REJECTED, "model endpoint rejected the request (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new ModelException(ModelException.Reason.MISCONFIGURED, "unexpected HTTP " + status + " from the model endpoint");
        }
        try {
            JsonNode content = json.readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isString()) {
                throw new ModelException(ModelException.Reason.MISCONFIGURED, "model answer has no choices[0].message.content");
            }
            return new ModelReply(content.stringValue());
        } catch (JacksonException e) {
            throw new ModelException(ModelException.Reason.MISCONFIGURED, "model answer is not JSON");
        }
    }
}
