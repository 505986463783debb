package io.agentplatform.agentservice.task;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Hands {@code POST /v1/tasks} with the headers clients send (a JSON body; no Accept, or one that takes JSON) straight
 * to {@link TaskController#create}. Why: DispatcherServlet's handler look-up, argument resolution and reflective call,
 * with the filters before it, were 11 % of a POST's CPU samples (docs/benchmarks.md, ninth pass). Every other request
 * to the route (another Content-Type, an Accept that lists types, another method, a path that only normalizes to it)
 * goes on to Spring MVC and its content negotiation, as before. What this path throws is resolved by the exception
 * resolvers DispatcherServlet uses, in its order, so both paths answer with the same problems; the route attribute is
 * set as Spring's handler mapping sets it, for the access log and {@code http.server.requests}. Skipped as well: the
 * handler interceptors (RateLimitInterceptor leaves this route to the controller's own admission) and Spring's request
 * and locale context holders (nothing on this route reads them); DirectTaskCreationTest fails when an interceptor is
 * added to the route.
 */
public class DirectTaskCreationFilter implements Filter {

    /** Content-Types Spring's {@code consumes = application/json} takes that are sent in practice, lower case. */
    private static final Set<String> JSON_BODIES =
            Set.of("application/json", "application/json;charset=utf-8", "application/json; charset=utf-8");
    /** Accept values that admit {@code application/json} without weighing types against each other. */
    private static final Set<String> JSON_ACCEPTED = Set.of("*/*", "application/*", "application/json");

    private final TaskController controller;
    private final HandlerMethod handler;
    private final List<HandlerExceptionResolver> resolvers;

    /** {@code resolvers}: every HandlerExceptionResolver bean, in DispatcherServlet's order. */
    public DirectTaskCreationFilter(TaskController controller, List<HandlerExceptionResolver> resolvers) {
        this.controller = controller;
        this.resolvers = List.copyOf(resolvers);
        try {
            this.handler = new HandlerMethod(controller,
                    TaskController.class.getMethod("create", HttpServletRequest.class, HttpServletResponse.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TaskController.create(request, response) is the route's handler", e);
        }
    }

    /** Whether this request is handled here rather than by Spring MVC. */
    public static boolean takes(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && TaskController.ROUTE.equals(request.getRequestURI())
                && isOneOf(request.getContentType(), JSON_BODIES) && acceptsJsonPlainly(request);
    }

    private static boolean acceptsJsonPlainly(HttpServletRequest request) {
        Enumeration<String> accept = request.getHeaders(HttpHeaders.ACCEPT);
        if (accept == null || !accept.hasMoreElements()) {
            return true;
        }
        String only = accept.nextElement();
        return !accept.hasMoreElements() && isOneOf(only, JSON_ACCEPTED);
    }

    private static boolean isOneOf(String value, Set<String> allowed) {
        return value != null && allowed.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!takes(request)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, TaskController.ROUTE);
        try {
            controller.create(request, response);
        } catch (Exception e) {
            resolve(request, response, e);
        } catch (Error e) {
            // DispatcherServlet wraps an Error the same way before resolving it.
            resolve(request, response, new ServletException("Handler dispatch failed: " + e, e));
        }
    }

    /**
     * What DispatcherServlet's processHandlerException does (the failed attempt's content type and buffered body
     * dropped where still possible; the first resolver that answers wins), then FrameworkServlet's wrapping of what no
     * resolver answered, for the container's error page.
     */
    private void resolve(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException, ServletException {
        request.removeAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        try {
            response.setHeader(HttpHeaders.CONTENT_TYPE, null);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
            response.resetBuffer();
        } catch (IllegalStateException committed) {
            // Already sent: the resolvers find the response committed, as they would under DispatcherServlet.
        }
        for (HandlerExceptionResolver resolver : resolvers) {
            ModelAndView answered = resolver.resolveException(request, response, handler, e);
            if (answered != null) {
                if (!answered.isEmpty()) {
                    break; // a view to render: none of this service's resolvers returns one; the container answers
                }
                request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, e);
                return;
            }
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof ServletException servlet) {
            throw servlet;
        }
        throw new ServletException("Request processing failed: " + e, e);
    }
}
