package io.agentplatform.agentservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /health/live} from the application's liveness state with the exact bytes Actuator's liveness
 * group writes ({@code {"components":{"livenessState":{"status":"UP"}},"status":"UP"}}, 200, or DOWN with 503), without
 * the endpoint machinery: Actuator re-read the operation's parameter annotations and negotiated the response on every
 * probe, most of a probe's CPU. A request asking for another media type, or any other method, goes on to Actuator.
 */
final class LivenessProbeFilter extends OncePerRequestFilter {
    static final String MEDIA_TYPE = "application/vnd.spring-boot.actuator.v3+json";
    private static final byte[] UP = body("UP");
    private static final byte[] DOWN = body("DOWN");

    private final ApplicationAvailability availability;

    LivenessProbeFilter(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isPlainProbe(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        byte[] body = live ? UP : DOWN;
        response.setStatus(live ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** GET or HEAD of exactly the probe's path, accepting anything or exactly Actuator's default media type (Kubernetes sends {@code *}{@code /*}). */
    private static boolean isPlainProbe(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || request.getQueryString() != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        // A list that also names other types is left to Actuator's negotiation, which weighs their qualities.
        return accept == null || accept.isBlank() || accept.strip().equals("*/*") || accept.strip().equals(MEDIA_TYPE);
    }

    private static byte[] body(String status) {
        return ("{\"components\":{\"livenessState\":{\"status\":\"" + status + "\"}},\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
