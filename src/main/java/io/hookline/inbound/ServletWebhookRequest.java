package io.hookline.inbound;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** A webhook as the servlet front ({@link GatewayRoute}) received it; the body as Camel read it. */
record ServletWebhookRequest(HttpServletRequest http, byte[] body) implements WebhookRequest {

    @Override
    public String method() {
        return http.getMethod();
    }

    @Override
    public String path() {
        return http.getPathInfo() == null ? "" : http.getPathInfo();
    }

    @Override
    public String header(String name) {
        return http.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(http.getHeaders(name));
    }

    @Override
    public Iterable<String> headerNames() {
        return Collections.list(http.getHeaderNames());
    }

    @Override
    public String peerAddress() {
        return http.getRemoteAddr();
    }
}
