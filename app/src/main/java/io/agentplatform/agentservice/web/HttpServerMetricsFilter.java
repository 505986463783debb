package io.agentplatform.agentservice.web;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records {@code http.server.requests} (timer) and {@code http.server.requests.active} (long-task timer) with the
 * names, tags and values of Spring's {@code ServerHttpObservationFilter} with Micrometer's default meter handler
 * (uri = route template or NOT_FOUND/REDIRECTION/UNKNOWN, status, method, outcome, exception, error), which
 * application.properties switches off. Why: that filter builds an Observation, its key values and two meter ids per
 * request (9 % of a POST's CPU samples); here the meters of a tag combination are looked up once and cached (the
 * combinations are bounded: route templates, status codes, standard methods). Registered for REQUEST dispatches only,
 * like Spring's; errors forwarded to /error are recorded with the status the client got. The service has no
 * asynchronous handlers: an asynchronous request would be recorded when its first dispatch returns.
 */
public class HttpServerMetricsFilter implements Filter {

    static final String TIMER = "http.server.requests";
    static final String ACTIVE = TIMER + ".active";
    private static final String NONE = "none";
    private static final String UNKNOWN = "UNKNOWN";
    private static final Set<String> STANDARD_METHODS =
            Arrays.stream(HttpMethod.values()).map(HttpMethod::name).collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final ConcurrentMap<RequestTags, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<RequestTags, LongTaskTimer> activeTimers = new ConcurrentHashMap<>();

    public HttpServerMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The low-cardinality tags of one request, as DefaultServerRequestObservationConvention names them. */
    record RequestTags(String method, String uri, String status, String outcome, String exception) {

        static RequestTags of(HttpServletRequest request, HttpServletResponse response, Throwable error) {
            String method = STANDARD_METHODS.contains(request.getMethod()) ? request.getMethod() : UNKNOWN;
            int status = response.getStatus();
            return new RequestTags(method, uri(request, status), Integer.toString(status), outcome(status),
                    error == null ? NONE : simpleName(error));
        }

        private static String uri(HttpServletRequest request, int status) {
            if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
                return pattern.isEmpty() ? "root" : pattern;
            }
            HttpStatus known = HttpStatus.resolve(status);
            if (known != null && known.is3xxRedirection()) {
                return "REDIRECTION";
            }
            return known == HttpStatus.NOT_FOUND ? "NOT_FOUND" : UNKNOWN;
        }

        private static String outcome(int status) {
            return switch (status / 100) {
                case 1 -> "INFORMATIONAL";
                case 2 -> "SUCCESS";
                case 3 -> "REDIRECTION";
                case 4 -> "CLIENT_ERROR";
                case 5 -> "SERVER_ERROR";
                default -> UNKNOWN;
            };
        }

        Tags tags() {
            return Tags.of("method", method, "uri", uri, "status", status, "outcome", outcome, "exception", exception);
        }
    }

    private static String simpleName(Throwable error) {
        String name = error.getClass().getSimpleName();
        return name.isEmpty() ? error.getClass().getName() : name;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        LongTaskTimer.Sample active = activeTimers.computeIfAbsent(RequestTags.of(request, response, null),
                tags -> LongTaskTimer.builder(ACTIVE).tags(tags.tags()).register(registry)).start();
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            Throwable error = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            stop(request, response, error, start, active);
            throw e;
        }
        // An exception Spring or Tomcat stored instead of throwing it, as Spring's filter reads it.
        stop(request, response, (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), start, active);
    }

    private void stop(HttpServletRequest request, HttpServletResponse response, Throwable error, long start,
                      LongTaskTimer.Sample active) {
        active.stop();
        RequestTags tags = RequestTags.of(request, response, error);
        timers.computeIfAbsent(tags, known -> Timer.builder(TIMER).tags(known.tags())
                        .tag("error", known.exception()).register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
