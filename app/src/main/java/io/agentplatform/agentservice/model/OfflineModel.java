package io.agentplatform.agentservice.model;

import io.agentplatform.agentservice.Sha256;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default model: answers without any network or key, and always the same answer for the same
 * prompt, so the service, its tests and its benchmark run anywhere. An optional delay stands in for
 * a real model's latency.
 */
public final class OfflineModel implements LanguageModel {

    /** Compiled once: String.split compiles a pattern like this one anew on every call. */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** How many distinct longer words (over 3 letters) the answer names, in the order they first appear. */
    private static final int KEY_TERMS = 5;

    private final String name;
    private final Duration delay;

    public OfflineModel(String name, Duration delay) {
        this.name = name;
        this.delay = delay;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(ModelException.Reason.UNAVAILABLE, "interrupted while answering");
            }
        }
        String prompt = request.userPrompt();
        // Loops instead of streams: the model was 7 % of a POST's CPU samples (docs/benchmarks.md, sixth pass).
        Set<String> keyTerms = new LinkedHashSet<>();
        long wordCount = 0;
        for (String word : NON_WORD.split(prompt.toLowerCase(Locale.ROOT))) {
            if (word.isEmpty()) {
                continue;
            }
            wordCount++;
            if (word.length() > 3 && keyTerms.size() < KEY_TERMS) {
                keyTerms.add(word);
            }
        }
        return new ModelReply("Offline answer " + digest(prompt) + ": your request has " + wordCount + " words"
                + (keyTerms.isEmpty() ? "." : "; key terms: " + String.join(", ", keyTerms) + "."));
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(Sha256.of(text), 0, 4);
    }
}
