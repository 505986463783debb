package io.agentplatform.agentservice.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The default model: answers without any network or key, and always the same answer for the same
 * prompt, so the service, its tests and its benchmark run anywhere. An optional delay stands in for
 * a real model's latency.
 */
public final class OfflineModel implements LanguageModel {

    /** Compiled once: String.split compiles a pattern like this one anew on every call. */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

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
        String[] words = NON_WORD.split(prompt.toLowerCase(Locale.ROOT));
        Set<String> keyTerms = Arrays.stream(words)
                .filter(word -> word.length() > 3)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String terms = keyTerms.stream().limit(5).collect(Collectors.joining(", "));
        long wordCount = Arrays.stream(words).filter(word -> !word.isEmpty()).count();
        return new ModelReply("Offline answer " + digest(prompt) + ": your request has " + wordCount + " words"
                + (terms.isEmpty() ? "." : "; key terms: " + terms + "."));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
