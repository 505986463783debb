package io.agentplatform.agentservice.web;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.agentplatform.agentservice.model.ModelException;
import java.sql.SQLException;
import org.apache.coyote.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem ({@code application/problem+json}) with a
 * {@code code} and the {@code requestId}; stack traces stay in the server log.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final long DATABASE_RETRY_AFTER_SECONDS = 5;
    static final long MODEL_RETRY_AFTER_SECONDS = 5;

    private final long circuitOpenSeconds;

    public ApiExceptionHandler(ServiceConfig config) {
        this.circuitOpenSeconds = config.llm().circuitOpen().toSeconds();
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException e) {
        return problem(e.status(), e.code(), e.getMessage(), e.retryAfterSeconds());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> handleDatabase(DataAccessException e) {
        if (isUnavailable(e)) {
            log.warn("PostgreSQL unavailable: {}", e.getMostSpecificCause().toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                    "The task store is temporarily unavailable; retry later.", DATABASE_RETRY_AFTER_SECONDS);
        }
        // PostgreSQL's messages can quote the values of the statement (client data): log only what failed.
        log.atError().addKeyValue("sqlState", sqlState(e)).addKeyValue("exception", e.getClass().getName())
                .log("unexpected database error while handling a request");
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred.", null);
    }

    private static String sqlState(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "unknown";
    }

    @ExceptionHandler(ModelException.class)
    ResponseEntity<Object> handleModel(ModelException e) {
        log.atWarn().addKeyValue("reason", e.reason().label()).log("model call failed: {}", e.getMessage());
        long retryAfter = e.reason() == ModelException.Reason.CIRCUIT_OPEN ? circuitOpenSeconds : MODEL_RETRY_AFTER_SECONDS;
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "model_unavailable",
                "The model is temporarily unavailable; retry later.", retryAfter);
    }

    /** Tomcat found the body's framing broken (e.g. a bad chunk header) while the application read it: the client's error. */
    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> handleMalformedBody(BadRequestException e) {
        log.atInfo().addKeyValue("reason", e.getMessage()).log("malformed request body");
        return problem(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_REQUEST,
                "The HTTP server could not read the request body (its framing is malformed).", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e) {
        return internalError(e);
    }

    private ResponseEntity<Object> internalError(Exception e) {
        log.error("unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred.", null);
    }

    /** Spring MVC's own errors (404 route, 405, 415, ...) get the same body shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        if (problem.getDetail() == null) {
            problem.setDetail(ProblemCodes.title(statusCode.value()) + ".");
        }
        problem.setProperty("code", ProblemCodes.forStatus(statusCode.value()));
        problem.setProperty("requestId", MDC.get(RequestIdFilter.MDC_KEY));
        HttpHeaders merged = new HttpHeaders();
        if (headers != null) {
            merged.putAll(headers);
        }
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(merged).body(problem);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String code, String message, Long retryAfterSeconds) {
        return problem(status, code, message, retryAfterSeconds, MDC.get(RequestIdFilter.MDC_KEY));
    }

    static ResponseEntity<Object> problem(HttpStatus status, String code, String message, Long retryAfterSeconds,
                                          String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setProperty("code", code);
        problem.setProperty("requestId", requestId);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return response.body(problem);
    }

    /** Connection-level failures (SQLSTATE class 08, 57P shutdown, 53 resources) mean "down", not "bug". */
    public static boolean isUnavailable(DataAccessException e) {
        if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
        }
        return false;
    }
}
