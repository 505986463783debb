package io.agentplatform.agentservice.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC's handlers,
 * such as {@code TRACE} (refused by the container with 405), get the same problem body as every
 * other error instead of Spring Boot's default JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        String requestId = RequestIdFilter.requestIdOf(request);
        if (requestId == null) {
            requestId = RequestIdFilter.requestIdFor(request.getHeader(RequestIdFilter.HEADER));
        }
        response.setHeader(RequestIdFilter.HEADER, requestId);
        HttpStatus resolved = HttpStatus.resolve(status);
        return ApiExceptionHandler.problem(resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved,
                ProblemCodes.forStatus(status), ProblemCodes.title(status) + ".", null, requestId);
    }
}
