package io.agentplatform.agentservice.web;

import io.agentplatform.agentservice.redis.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the per-client rate limit to every API call before any work (model, database) is done. */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter rateLimiter;

    public RateLimitInterceptor(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (isTaskCreation(request)) {
            return true; // TaskController admits it together with the cache lookup: see admit()
        }
        apply(rateLimiter.check(ClientIds.of(request)), response);
        return true;
    }

    /**
     * Rate limit of {@code POST /v1/tasks}, after the body was validated, in the same Redis round trip
     * as the lookup of {@code cacheKey}; returns what that lookup found.
     */
    public Optional<String> admit(HttpServletRequest request, HttpServletResponse response, Optional<String> cacheKey) {
        RateLimiter.Admission admission = rateLimiter.checkAndGet(ClientIds.of(request), cacheKey);
        apply(admission.decision(), response);
        return admission.value();
    }

    private static boolean isTaskCreation(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/v1/tasks".equals(request.getRequestURI());
    }

    private static void apply(RateLimiter.Decision decision, HttpServletResponse response) {
        if (decision.limit() > 0) {
            response.setHeader("X-RateLimit-Limit", String.valueOf(decision.limit()));
            response.setHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
        }
        if (!decision.allowed()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "Rate limit of " + decision.limit() + " requests per minute exceeded.", decision.retryAfterSeconds());
        }
    }
}
