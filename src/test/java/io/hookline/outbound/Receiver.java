package io.hookline.outbound;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback (for the outbound tests and the console's): records every request (time, headers, exact body) and answers
 * from a script: the next answers in order (status, or -1 to hang past the sender's timeout),
 * then {@code otherwise}.
 */
public final class Receiver implements AutoCloseable {

    public record Request(Instant at, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 204;
    private volatile String location;
    private volatile String retryAfter;
    private final HttpServer server;

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            requests.add(new Request(Instant.now(), headers, new String(body, StandardCharsets.UTF_8)));
            Integer next = script.poll();
            int status = next == null ? otherwise : next;
            if (status < 0) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            byte[] answer = ("{\"received\":" + requests.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (location != null && status >= 300 && status < 400) exchange.getResponseHeaders().add("Location", location);
            if (retryAfter != null && (status == 429 || status == 503)) exchange.getResponseHeaders().add("Retry-After", retryAfter);
            exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
            if (status != 204) exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public Receiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Answers every request with this redirect. */
    public Receiver redirectTo(int status, String url) {
        location = url;
        otherwise = status;
        return this;
    }

    /** Sent with every 429 and 503 answer. */
    public Receiver retryAfter(String value) {
        retryAfter = value;
        return this;
    }

    public Receiver otherwise(int status) {
        otherwise = status;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
