package io.agentplatform.agentservice.model;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries with exponential, jittered backoff around a circuit breaker around the model.
 * Each attempt is seen by the breaker; once it opens, calls fail at once (no retry) until it lets
 * a trial call through again.
 */
public final class ResilientModel implements LanguageModel {

    private final LanguageModel delegate;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public ResilientModel(LanguageModel delegate, CircuitBreaker circuitBreaker, int maxRetries, Duration initialBackoff) {
        this.delegate = delegate;
        this.circuitBreaker = circuitBreaker;
        this.retry = Retry.of("llm", RetryConfig.custom()
                .maxAttempts(1 + maxRetries)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, Duration.ofSeconds(10)))
                .retryOnException(e -> e instanceof ModelException modelError && modelError.retryable())
                .failAfterMaxAttempts(false)
                .build());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        Supplier<ModelReply> call = CircuitBreaker.decorateSupplier(circuitBreaker, () -> delegate.complete(request));
        try {
            return Retry.decorateSupplier(retry, call).get();
        } catch (CallNotPermittedException e) {
            throw new ModelException(ModelException.Reason.CIRCUIT_OPEN, "model circuit breaker is open after repeated failures");
        }
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
