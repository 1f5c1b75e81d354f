package io.hookline.inbound;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A webhook as the ingest port ({@link VertxFront}) received it. */
record VertxWebhookRequest(HttpServerRequest http, byte[] body) implements WebhookRequest {

    @Override
    public String method() {
        return http.method().name();
    }

    @Override
    public String path() {
        String p = http.path();
        String rest = p.length() > VertxFront.PREFIX.length() ? p.substring(VertxFront.PREFIX.length()) : "";
        try {
            return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8); // a path: '+' is a '+'
        } catch (IllegalArgumentException malformed) {
            return rest;
        }
    }

    @Override
    public String header(String name) {
        return http.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return http.headers().getAll(name);
    }

    @Override
    public Iterable<String> headerNames() {
        return http.headers().names();
    }

    @Override
    public String peerAddress() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
