package io.agentplatform.agentservice.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on a request no application code answered: requests the HTTP server refuses
 * while parsing (bad request line, control characters in a header, a header over the size limit, a
 * missing Host, {@code ..} above the root or an encoded {@code /} or NUL in the path) and errors that
 * escaped the application. Instead of Tomcat's HTML page it writes the same RFC 9457 problem the API
 * writes, with a {@code code}, a {@code requestId} and the {@code X-Request-ID} header. Nothing of the
 * request is echoed or logged beyond method-independent facts (status, request id).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger accessLog = LoggerFactory.getLogger("access");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        if (requestId == null) {
            requestId = RequestIdFilter.requestIdFor(request.getHeader(RequestIdFilter.HEADER));
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", ProblemCodes.title(status));
        problem.put("status", status);
        problem.put("detail", status == 400
                ? "The HTTP server could not accept this request (request line, a header or the path is malformed)."
                : ProblemCodes.title(status) + ".");
        problem.put("code", ProblemCodes.forStatus(status));
        problem.put("requestId", requestId);
        try {
            byte[] body = JSON.writeValueAsBytes(problem);
            response.setHeader(RequestIdFilter.HEADER, requestId);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response is unusable; nothing more can be sent.
        }
        accessLog.atInfo().addKeyValue("http.status", status).addKeyValue(RequestIdFilter.MDC_KEY, requestId)
                .log("request refused by the HTTP server");
    }
}
