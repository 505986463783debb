package io.agentplatform.agentservice.task;

import io.agentplatform.agentservice.Sha256;
import io.agentplatform.agentservice.model.LanguageModel;
import io.agentplatform.agentservice.model.ModelRequest;
import io.agentplatform.agentservice.redis.AnswerCache;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The agent: answers a prompt from the cache when it can, otherwise asks the model and caches the answer. */
@Component
public class Agent {

    static final String SYSTEM_PROMPT = "You are a concise, helpful assistant. Answer the user's request directly.";

    private final LanguageModel model;
    private final AnswerCache cache;

    public Agent(LanguageModel model, AnswerCache cache) {
        this.model = model;
        this.cache = cache;
    }

    public record Result(String answer, boolean cached, long modelMillis) {
    }

    /** Where a prompt's answer is cached ({@link #cacheKey}; empty when caching is off) and what was found there. */
    public record CacheLookup(Optional<String> key, Optional<String> found) {
    }

    public String modelName() {
        return model.name();
    }

    /** Where the answer to this prompt is cached, or empty when caching is off; looked up by the caller's admission. */
    public Optional<String> cacheKey(String prompt) {
        return cache.keyFor(promptHash(prompt));
    }

    /**
     * Answers from what {@code lookup} found or else from the model, caching the answer under the lookup's key (not
     * hashed again). Throws {@link io.agentplatform.agentservice.model.ModelException} when the model fails.
     */
    public Result answer(String prompt, CacheLookup lookup) {
        Optional<String> cached = cache.counted(lookup.found());
        if (cached.isPresent()) {
            return new Result(cached.get(), true, 0);
        }
        long start = System.nanoTime();
        String answer = model.complete(new ModelRequest(SYSTEM_PROMPT, prompt)).text();
        long modelMillis = (System.nanoTime() - start) / 1_000_000;
        lookup.key().ifPresent(key -> cache.store(key, answer));
        return new Result(answer, false, modelMillis);
    }

    private String promptHash(String prompt) {
        return sha256(model.name() + "\n" + SYSTEM_PROMPT + "\n" + prompt);
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(Sha256.of(text));
    }
}
