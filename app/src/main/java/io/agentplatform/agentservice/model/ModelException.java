package io.agentplatform.agentservice.model;

/** A failed model call. The message never contains the API key or the prompt. */
public class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No answer within LLM_TIMEOUT_MS. Worth retrying. */
        TIMEOUT(true, true),
        /** Network error, HTTP 429 or 5xx. Worth retrying. */
        UNAVAILABLE(true, true),
        /** HTTP 401/403 or an unreadable answer: our side is misconfigured; retrying will not help. */
        MISCONFIGURED(false, true),
        /** HTTP 4xx for this prompt: the request itself was refused; the model is healthy. */
        REJECTED(false, false),
        /** The circuit breaker is open after repeated failures; the call was not attempted. */
        CIRCUIT_OPEN(false, false);

        private final boolean retryable;
        private final boolean countsAgainstModelHealth;

        Reason(boolean retryable, boolean countsAgainstModelHealth) {
            this.retryable = retryable;
            this.countsAgainstModelHealth = countsAgainstModelHealth;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public ModelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason.retryable;
    }

    public boolean countsAgainstModelHealth() {
        return reason.countsAgainstModelHealth;
    }
}
