package io.agentplatform.agentservice.model;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(ServiceConfig config, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(config.llm().circuitOpen())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(e -> e instanceof ModelException modelError && modelError.countsAgainstModelHealth())
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    LanguageModel languageModel(ServiceConfig config, CircuitBreakerRegistry breakers, MeterRegistry meters, JsonMapper json) {
        ServiceConfig.Llm llm = config.llm();
        // Created even for the offline model so the breaker's metrics always exist for alerting.
        CircuitBreaker breaker = breakers.circuitBreaker("llm");
        LanguageModel model;
        if (llm.isRemote()) {
            log.atInfo().addKeyValue("model", llm.model()).addKeyValue("endpoint", llm.url().get().getHost())
                    .log("using the OpenAI-compatible model endpoint");
            model = new ResilientModel(
                    new OpenAiCompatibleModel(llm.url().get(), llm.apiKey(), llm.model(), llm.timeout(), json),
                    breaker, llm.maxRetries(), llm.retryBackoff());
        } else {
            log.info("LLM_API_URL is not set: using the offline deterministic model");
            model = new OfflineModel(llm.model(), config.offlineModelDelay());
        }
        return new MeteredModel(model, meters);
    }

}
