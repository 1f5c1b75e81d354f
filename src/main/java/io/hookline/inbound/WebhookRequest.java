package io.hookline.inbound;

import java.util.List;

/**
 * One request to {@code /webhooks/*} as the gateway reads it, whichever HTTP front received it
 * (the servlet on {@code server.port}, or the ingest port, {@link VertxFront}). Adapters read
 * the underlying request; nothing is copied.
 */
public interface WebhookRequest {

    String method();

    /** The path after {@code /webhooks}, decoded: {@code /t-impact}; empty for {@code /webhooks} itself. */
    String path();

    /** The header's first value, case-insensitive; null when absent. */
    String header(String name);

    /** Every value of the header, in order (X-Forwarded-For may come several times). */
    List<String> headers(String name);

    /** Each header name once. */
    Iterable<String> headerNames();

    /** The socket's peer (a proxy, when there is one in front: see {@link SenderAddresses}). */
    String peerAddress();

    /** The exact bytes sent (already capped by the front at {@code hookline.max-body-size}). */
    byte[] body();
}
