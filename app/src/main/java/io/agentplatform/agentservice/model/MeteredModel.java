package io.agentplatform.agentservice.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Records every model call as seen by the agent (retries included): count and latency by outcome
 * in {@code agent_model_calls_seconds}, failures by reason in {@code agent_model_errors_total}.
 * All series are registered up front so dashboards and alerts see zeros, not gaps.
 */
public final class MeteredModel implements LanguageModel {

    private final LanguageModel delegate;
    private final Timer successes;
    private final Timer failures;
    private final Map<ModelException.Reason, Counter> errorsByReason = new EnumMap<>(ModelException.Reason.class);

    public MeteredModel(LanguageModel delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.successes = timer(meters, "success");
        this.failures = timer(meters, "error");
        for (ModelException.Reason reason : ModelException.Reason.values()) {
            errorsByReason.put(reason, Counter.builder("agent.model.errors")
                    .description("Failed model calls by reason")
                    .tag("model", delegate.name())
                    .tag("reason", reason.label())
                    .register(meters));
        }
    }

    private Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder("agent.model.calls")
                .description("Model calls made by the agent, including retries")
                .tag("model", delegate.name())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        long start = System.nanoTime();
        try {
            ModelReply reply = delegate.complete(request);
            successes.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            return reply;
        } catch (ModelException e) {
            failures.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            errorsByReason.get(e.reason()).increment();
            throw e;
        }
    }
}
