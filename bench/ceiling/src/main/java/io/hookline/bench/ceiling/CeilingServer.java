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

/**
 * The benchmark's ceiling: the least work a webhook receiver must do for an Impact
 * delivery — read the whole body, compute hex HMAC-SHA256 of the raw bytes, compare it
 * with X-Impact-Signature in constant time, answer 202 — with nothing stored.
 *
 * <p>Usage: {@code java -jar ceiling.jar [port] [secret]} (defaults 18081, bench-signing-secret;
 * env CEILING_INSTANCES overrides the verticle count, default one per core).
 */
public final class CeilingServer {

    static final String PATH = "/webhooks/impact";
    static final Buffer ACCEPTED = Buffer.buffer("{\"status\":\"accepted\"}");
    static final Buffer UNAUTHORIZED = Buffer.buffer("{\"status\":\"unauthorized\"}");

    private CeilingServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        String secret = args.length > 1 ? args[1] : "bench-signing-secret";
        int instances = Integer.parseInt(System.getenv().getOrDefault("CEILING_INSTANCES",
                String.valueOf(Runtime.getRuntime().availableProcessors())));

        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new HttpVerticle(port, secret.getBytes(StandardCharsets.UTF_8)),
                        new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("ceiling listening on 127.0.0.1:" + port
                        + " with " + instances + " verticle instance(s)"))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }

    static final class HttpVerticle extends VerticleBase {
        private final int port;
        private final byte[] secret;
        private Mac mac; // one per verticle: a verticle runs on a single event-loop thread

        HttpVerticle(int port, byte[] secret) {
            this.port = port;
            this.secret = secret;
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
            if (req.method() != HttpMethod.POST || !PATH.equals(req.path())) {
                req.response().setStatusCode(404).end();
                return;
            }
            String signature = req.getHeader("X-Impact-Signature");
            req.body().onSuccess(body -> {
                boolean ok = verify(body.getBytes(), signature);
                req.response()
                        .setStatusCode(ok ? 202 : 401)
                        .putHeader("Content-Type", "application/json")
                        .end(ok ? ACCEPTED : UNAUTHORIZED);
            }).onFailure(err -> req.response().setStatusCode(400).end());
        }

        private boolean verify(byte[] body, String signatureHex) {
            if (signatureHex == null) {
                return false;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(signatureHex.trim());
            } catch (IllegalArgumentException notHex) {
                return false;
            }
            byte[] expected = mac.doFinal(body); // doFinal resets the Mac for the next use
            return MessageDigest.isEqual(expected, given);
        }
    }
}
