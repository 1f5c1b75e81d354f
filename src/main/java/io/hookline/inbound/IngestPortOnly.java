package io.hookline.inbound;

import io.hookline.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /webhooks/*} on {@code server.port} while webhooks have a port of their own
 * ({@code hookline.inbound.port}): a 404 that says where they go, so that a sender or proxy still
 * pointed at the old port is found in its logs rather than silently dropped.
 */
public class IngestPortOnly extends OncePerRequestFilter {

    private static final byte[] ANSWER = new Problem(404, "not_found",
            "webhooks are received on the ingest port (hookline.inbound.port), not on this one").json();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setStatus(404);
        response.setContentType(WebhookAnswer.CONTENT_TYPE);
        response.getOutputStream().write(ANSWER);
    }
}
