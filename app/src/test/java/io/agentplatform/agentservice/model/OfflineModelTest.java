package io.agentplatform.agentservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The offline model's answer is a contract: cached answers and stored tasks repeat it, so it must never drift. */
class OfflineModelTest {

    private final OfflineModel model = new OfflineModel("offline-deterministic", Duration.ZERO);

    private String answer(String prompt) {
        return model.complete(new ModelRequest("system", prompt)).text();
    }

    @Test
    void namesTheWordCountAndTheFirstFiveDistinctLongerWordsInTheirOrder() {
        // Digest: the first 4 bytes of SHA-256 of the prompt (printf '%s' "$prompt" | sha256sum | cut -c1-8).
        assertThat(answer("Summarise the quarterly report: quarterly figures, risks and hiring plans for 2027"))
                .isEqualTo("Offline answer a23c4d23: your request has 12 words;"
                        + " key terms: summarise, quarterly, report, figures, risks.");
    }

    @Test
    void withoutLongerWordsTheAnswerHasNoKeyTerms() {
        assertThat(answer("a b c")).isEqualTo("Offline answer 0e9f6403: your request has 3 words.");
    }

    @Test
    void leadingPunctuationIsNotCountedAsAWord() {
        assertThat(answer("...a b c")).startsWith("Offline answer ").endsWith(": your request has 3 words.");
    }
}
