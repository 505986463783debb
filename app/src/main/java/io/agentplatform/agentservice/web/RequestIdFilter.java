package io.agentplatform.agentservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Takes the caller's {@code X-Request-ID} (or makes one), returns it, puts it in every log line of
 * the request, and writes one access-log line per request (method, route, status, duration; never
 * the body).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger accessLog = LoggerFactory.getLogger("access");

    /** The caller's id when it is safe to repeat; anything else could inject text into logs or headers and is replaced. */
    public static String requestIdFor(String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : randomId();
    }

    /**
     * A random (version 4) UUID from a per-thread generator: a request id correlates log lines, it guards nothing, so it
     * need not come from UUID.randomUUID's SecureRandom, whose shared generator cost 2 % of a POST's CPU samples.
     */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /** The id of the request being handled, also after the filter returned (error dispatches). */
    public static String requestIdOf(jakarta.servlet.ServletRequest request) {
        Object id = request.getAttribute(MDC_KEY);
        return id instanceof String known ? known : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestIdFor(request.getHeader(HEADER));
        MDC.put(MDC_KEY, requestId);
        request.setAttribute(MDC_KEY, requestId);
        response.setHeader(HEADER, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            accessLog.atInfo()
                    .addKeyValue("http.method", request.getMethod())
                    .addKeyValue("http.route", route == null ? "UNKNOWN" : route.toString())
                    .addKeyValue("http.status", response.getStatus())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .log("request completed");
            MDC.remove(MDC_KEY);
        }
    }
}
