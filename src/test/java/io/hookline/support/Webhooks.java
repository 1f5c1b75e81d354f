package io.hookline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real HTTP client for tests: posts webhooks to a running Hookline and calls its admin API.
 * Uses the JDK client, so every request crosses a real socket.
 */
public final class Webhooks {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String ingest;

    public Webhooks(int port) {
        this(port, port);
    }

    /** Webhooks to {@code ingestPort} (hookline.inbound.port when set), everything else to {@code port}. */
    public Webhooks(int port, int ingestPort) {
        this.base = "http://127.0.0.1:" + port;
        this.ingest = "http://127.0.0.1:" + ingestPort;
    }

    public HttpResponse<String> post(String source, String body, Map<String, String> headers) {
        return post(source, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> post(String source, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ingest + "/webhooks/" + source))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> h = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        h.putAll(headers);
        h.forEach(b::header);
        return send(b.build());
    }

    /** Signed like Gloo Impact: hex HMAC-SHA256 of the body in X-Impact-Signature. */
    public HttpResponse<String> postImpact(String source, String body, String secret, String deliveryId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Impact-Signature", TestSigner.hex(secret, body));
        if (deliveryId != null) h.put("X-Impact-Delivery-Id", deliveryId);
        return post(source, body, h);
    }

    public HttpResponse<String> request(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public HttpResponse<String> admin(String method, String path) {
        return request(method, path, null, ADMIN_TOKEN);
    }

    /** GET /api/events/{id}, which must answer 200. */
    public JsonNode event(String id) {
        HttpResponse<String> answer = admin("GET", "/api/events/" + id);
        assertThat(answer.statusCode()).as("GET /api/events/%s: %s", id, answer.body()).isEqualTo(200);
        try {
            return MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 10 s) until the event has the status, e.g. "processed". */
    public void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(event(id).get("status").asText()).isEqualTo(status));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
