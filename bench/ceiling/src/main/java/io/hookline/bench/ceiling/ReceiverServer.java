package io.hookline.bench.ceiling;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outbound benchmark's webhook receiver: what a fast subscriber does with a Hookline
 * delivery — read the body, check {@code X-Impact-Signature} (hex HMAC-SHA256 of the raw body;
 * during a secret rotation Hookline sends several comma-separated values, any may match) in
 * constant time, answer 202 — plus counting, per delivery id, so that the harness can tell
 * deliveries from attempts and see duplicates. Nothing is stored but the counts.
 *
 * <p>Any POST path is accepted. Paths under {@code /flaky} fail on purpose: the first
 * {@code fail-first} attempts of each delivery id ({@code X-Hookline-Delivery}, else
 * {@code X-Impact-Delivery-Id}) are answered 500, later ones 202. Other paths answer 202 at once.
 *
 * <p>{@code GET /stats} answers the counters as JSON, per class of path ({@code fast},
 * {@code flaky}); {@code POST /reset} sets them to zero and forgets the delivery ids.
 *
 * <p>Usage: {@code java -cp ceiling.jar io.hookline.bench.ceiling.ReceiverServer [port] [secret] [fail-first]}
 * (defaults 18082, bench-signing-secret, 2; env RECEIVER_INSTANCES overrides the verticle count, default
 * one per core).
 */
public final class ReceiverServer {

    static final Buffer ACCEPTED = Buffer.buffer("{\"status\":\"accepted\"}");
    static final Buffer FAILING = Buffer.buffer("{\"status\":\"failing on purpose\"}");
    static final Buffer UNAUTHORIZED = Buffer.buffer("{\"status\":\"unauthorized\"}");

    /** Counters of one class of path. */
    static final class Stats {
        final LongAdder requests = new LongAdder();
        final LongAdder accepted = new LongAdder();   // answered 2xx
        final LongAdder failed = new LongAdder();     // answered 500 on purpose
        final LongAdder badSignature = new LongAdder();
        final LongAdder noId = new LongAdder();
        final LongAdder duplicateAccepts = new LongAdder(); // a delivery id answered 2xx more than once
        final ConcurrentHashMap<String, Integer> attempts = new ConcurrentHashMap<>();

        void reset() {
            requests.reset();
            accepted.reset();
            failed.reset();
            badSignature.reset();
            noId.reset();
            duplicateAccepts.reset();
            attempts.clear();
        }

        String json() {
            return "{\"requests\":" + requests.sum() + ",\"accepted\":" + accepted.sum() + ",\"failed\":" + failed.sum()
                    + ",\"bad_signature\":" + badSignature.sum() + ",\"no_id\":" + noId.sum()
                    + ",\"delivery_ids\":" + attempts.size() + ",\"duplicate_accepts\":" + duplicateAccepts.sum() + "}";
        }
    }

    private ReceiverServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18082;
        String secret = args.length > 1 ? args[1] : "bench-signing-secret";
        int failFirst = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int instances = Integer.parseInt(System.getenv().getOrDefault("RECEIVER_INSTANCES",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        Stats fast = new Stats();
        Stats flaky = new Stats();

        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new HttpVerticle(port, secret.getBytes(StandardCharsets.UTF_8), failFirst, fast, flaky),
                        new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("receiver listening on 127.0.0.1:" + port + " with " + instances
                        + " verticle instance(s); /flaky* fails the first " + failFirst + " attempt(s) of each delivery"))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }

    static final class HttpVerticle extends VerticleBase {
        private final int port;
        private final byte[] secret;
        private final int failFirst;
        private final Stats fast;
        private final Stats flaky;
        private Mac mac; // one per verticle: a verticle runs on a single event-loop thread

        HttpVerticle(int port, byte[] secret, int failFirst, Stats fast, Stats flaky) {
            this.port = port;
            this.secret = secret;
            this.failFirst = failFirst;
            this.fast = fast;
            this.flaky = flaky;
        }

        @Override
        public Future<?> start() throws Exception {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return vertx.createHttpServer()
                    .requestHandler(this::handle)
                    .listen(port, "127.0.0.1");
        }

        private void handle(HttpServerRequest req) {
            if (req.method() == HttpMethod.GET && "/stats".equals(req.path())) {
                req.response().putHeader("Content-Type", "application/json")
                        .end("{\"fast\":" + fast.json() + ",\"flaky\":" + flaky.json() + "}");
                return;
            }
            if (req.method() == HttpMethod.POST && "/reset".equals(req.path())) {
                fast.reset();
                flaky.reset();
                req.response().setStatusCode(204).end();
                return;
            }
            if (req.method() != HttpMethod.POST) {
                req.response().setStatusCode(404).end();
                return;
            }
            Stats stats = req.path().startsWith("/flaky") ? flaky : fast;
            boolean failing = stats == flaky;
            String signature = req.getHeader("X-Impact-Signature");
            String id = req.getHeader("X-Hookline-Delivery");
            if (id == null) id = req.getHeader("X-Impact-Delivery-Id");
            String deliveryId = id;
            req.body().onSuccess(body -> {
                stats.requests.increment();
                if (!verify(body.getBytes(), signature)) {
                    stats.badSignature.increment();
                    req.response().setStatusCode(401).putHeader("Content-Type", "application/json").end(UNAUTHORIZED);
                    return;
                }
                int attempt = 1;
                if (deliveryId == null) {
                    stats.noId.increment();
                } else {
                    attempt = stats.attempts.merge(deliveryId, 1, Integer::sum);
                }
                if (failing && deliveryId != null && attempt <= failFirst) {
                    stats.failed.increment();
                    req.response().setStatusCode(500).putHeader("Content-Type", "application/json").end(FAILING);
                    return;
                }
                stats.accepted.increment();
                if (deliveryId != null && attempt > (failing ? failFirst + 1 : 1)) stats.duplicateAccepts.increment();
                req.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(ACCEPTED);
            }).onFailure(err -> req.response().setStatusCode(400).end());
        }

        /** Any of the comma-separated hex signatures (two during a secret rotation) may match. */
        private boolean verify(byte[] body, String header) {
            if (header == null) {
                return false;
            }
            byte[] expected = mac.doFinal(body); // doFinal resets the Mac for the next use
            boolean ok = false;
            for (String part : header.split(",")) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(part.trim());
                } catch (IllegalArgumentException notHex) {
                    continue;
                }
                ok |= MessageDigest.isEqual(expected, given);
            }
            return ok;
        }
    }
}
