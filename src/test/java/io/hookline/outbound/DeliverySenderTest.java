package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The sender over real HTTP: what a receiver gets and what comes back, a long answer cut at the
 * limit, and the URL policy applied when connecting (not only at registration).
 */
class DeliverySenderTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private DeliverySender sender(List<String> allowedNetworks) {
        OutboundProperties properties = new OutboundProperties(new OutboundProperties.Outbound(4, Duration.ofSeconds(5), true,
                allowedNetworks, new OutboundProperties.DeliveryRetry(6, Duration.ofSeconds(30), 4.0, Duration.ofHours(4), 0.1),
                Duration.ofDays(5), DataSize.ofKilobytes(4), Duration.ofSeconds(1), Duration.ofMinutes(1), List.of(), 500));
        DeliverySender sender = new DeliverySender(properties, new UrlPolicy(allowedNetworks, true));
        open.add(sender::destroy);
        return sender;
    }

    private Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        open.add(r);
        return r;
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("User-Agent", DeliverySender.USER_AGENT);
        h.put("X-Hookline-Delivery", "0193-test");
        h.put("X-Impact-Signature", "abc123");
        return h;
    }

    @Test
    void theReceiverGetsTheExactBodyAndHeadersAndItsAnswerComesBack() throws Exception {
        Receiver r = receiver().answer(201);
        byte[] body = "{\"event\":\"sponsor.created\",\"name\":\"Zoë – ☕\"}".getBytes(StandardCharsets.UTF_8);
        DeliverySender.Result result = sender(List.of("127.0.0.1/32"))
                .send(URI.create(r.url("/hooks/in")), headers(), body);

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.body()).isEqualTo("{\"received\":1}");
        assertThat(result.headers()).containsEntry("Content-type", "application/json"); // as the JDK server writes it
        assertThat(r.requests).hasSize(1);
        Receiver.Request got = r.requests.get(0);
        assertThat(got.body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(got.header("Content-Type")).as("one value, as given").isEqualTo("application/json");
        assertThat(got.header("User-Agent")).isEqualTo(DeliverySender.USER_AGENT);
        assertThat(got.header("X-Hookline-Delivery")).isEqualTo("0193-test");
        assertThat(got.header("X-Impact-Signature")).isEqualTo("abc123");
    }

    @Test
    void anAnswerLongerThanTheLimitIsKeptCutAndMarked() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        byte[] answer = "é".repeat(5_000).getBytes(StandardCharsets.UTF_8); // 10,000 bytes
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Trace", "a");
            exchange.getResponseHeaders().add("X-Trace", "b");
            exchange.sendResponseHeaders(500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));

        DeliverySender.Result result = sender(List.of("127.0.0.1/32"))
                .send(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x"), headers(), new byte[] {'{', '}'});

        assertThat(result.status()).isEqualTo(500);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.body()).isEqualTo("é".repeat(2_048) + "…(truncated)"); // the first 4 KB
        assertThat(result.headers()).containsEntry("X-trace", "a, b");
    }

    @Test
    void anAddressThePolicyRefusesIsNeverConnectedToWhateverWasRegistered() throws Exception {
        Receiver r = receiver();
        DeliverySender.Result result = sender(List.of())
                .send(URI.create(r.url("/hooks/in")), headers(), new byte[] {'{', '}'});

        assertThat(result.status()).isNull();
        assertThat(result.error()).contains("Refused to connect to 127.0.0.1").contains("loopback");
        assertThat(r.requests).as("no connection was made").isEmpty();
    }

    @Test
    void aPortWithNobodyListeningIsAFailedAttemptWithItsReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeliverySender.Result result = sender(List.of("127.0.0.1/32"))
                .send(URI.create("http://127.0.0.1:" + port + "/x"), headers(), new byte[] {'{', '}'});

        assertThat(result.status()).isNull();
        assertThat(result.error()).containsIgnoringCase("connect");
    }
}
