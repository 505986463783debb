package io.agentplatform.agentservice.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Who a request counts against for rate limiting and idempotency: the {@code X-Client-ID} header
 * (set by the gateway that authenticates callers) or, without it, the peer address.
 */
public final class ClientIds {

    public static final String HEADER = "X-Client-ID";
    static final String ATTRIBUTE = ClientIds.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private ClientIds() {
    }

    public static String of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String clientId) {
            return clientId;
        }
        String header = request.getHeader(HEADER);
        String clientId;
        if (header == null) {
            clientId = "ip:" + request.getRemoteAddr();
        } else if (ACCEPTED.matcher(header).matches()) {
            clientId = "id:" + header;
        } else {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_client_id",
                    HEADER + " must be 1 to 64 characters from A-Z a-z 0-9 . _ : @ -");
        }
        request.setAttribute(ATTRIBUTE, clientId);
        return clientId;
    }
}
