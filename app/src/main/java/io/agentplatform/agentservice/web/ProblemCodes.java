package io.agentplatform.agentservice.web;

import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The {@code code} of a problem that no handler of ours named: errors of the HTTP server (Tomcat)
 * and of Spring MVC, keyed by status. README.md "Errors" lists every code.
 */
public final class ProblemCodes {

    /** Requests the HTTP server refuses before any application code runs (bad request line, header or path). */
    public static final String MALFORMED_REQUEST = "malformed_request";

    /** Where the code is not the lower-case name of the status (HttpStatus), e.g. 405 method_not_allowed. */
    private static final Map<Integer, String> BY_STATUS = Map.of(
            400, MALFORMED_REQUEST,
            413, "body_too_large",
            500, "internal_error");

    private ProblemCodes() {
    }

    public static String forStatus(int status) {
        String code = BY_STATUS.get(status);
        if (code != null) {
            return code;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
    }

    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
