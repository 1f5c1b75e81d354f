package io.hookline.inbound;

import io.hookline.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The ingest port: {@code POST /webhooks/{source}} on {@code hookline.inbound.port}, served by a
 * Vert.x HTTP server (the Vert.x of camel-platform-http-vertx) run as a Camel service, started
 * and stopped with the Camel context, instead of Tomcat and the servlet filter chain, which cost
 * most of the CPU of a webhook outside the store. The admin API, the console and actuator stay on
 * {@code server.port}, which can then stay private.
 *
 * <p>Same gateway, same answers as the servlet front: the body is read here up to
 * {@code hookline.max-body-size} (413 and the connection closed beyond it, as
 * {@link BodyLimitFilter} does), 503 {@code starting} while Camel is not running, and the checks
 * run on the event loop (they do not block); the answer is written once the writer has committed
 * the event, from the same event loop, so no thread waits for the disk.
 */
@Component
// Set and not empty (`port:` with no value in YAML leaves webhooks on server.port, as GatewayRoute says).
@ConditionalOnExpression("!'${" + VertxFront.PORT + ":}'.isEmpty()")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class VertxFront implements CamelContextConfiguration {

    static final String PORT = "hookline.inbound.port";
    static final String PREFIX = "/webhooks";
    /** The most of a refused body read (and dropped) before the connection is closed: Tomcat's maxSwallowSize. */
    static final long SWALLOW = 2 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(VertxFront.class);

    private final InboundGateway gateway;
    private final SourceResolver sources;
    private final long limit;
    private final int port;
    private final String address;
    private final Duration idleTimeout;
    private volatile CamelContext camel;
    private volatile Server server;

    public VertxFront(InboundGateway gateway, SourceResolver sources,
                      InboundProperties properties, @Value("${server.port:8080}") int serverPort) {
        this.gateway = gateway;
        this.sources = sources;
        this.limit = sources.maxBody();
        InboundProperties.Front front = properties.inbound();
        if (front.port() != 0 && front.port() == serverPort) {
            throw new IllegalStateException(PORT + " (" + front.port() + ") is the same as server.port: give "
                    + "webhooks a port of their own, or leave " + PORT + " unset to receive them on server.port");
        }
        this.port = front.port();
        this.address = front.address();
        this.idleTimeout = front.idleTimeout();
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        this.camel = context;
        this.server = new Server();
        try {
            context.addService(server, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(PORT + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        log.info("Receiving webhooks on port {} (hookline.inbound.port): POST /webhooks/<source>", port());
    }

    /** The port it listens on (the actual one when configured as 0). */
    public int port() {
        Server s = server;
        return s == null ? port : s.actualPort();
    }

    /** Webhooks are taken only while Camel runs (not while it starts or stops). */
    boolean accepting() {
        CamelContext c = camel;
        Server s = server;
        return c != null && c.isStarted() && s != null && s.isStarted();
    }

    /**
     * The HTTP server, a Camel service (started and stopped with the Camel context). Its own rather
     * than Camel's {@code VertxPlatformHttpServer}, which builds its {@link HttpServerOptions} with
     * no way to set them: a port open to the internet needs an idle timeout, or connections that
     * send nothing stay open for ever.
     */
    private final class Server extends ServiceSupport {

        private Vertx vertx;
        private HttpServer http;

        @Override
        protected void doStart() throws Exception {
            vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            router.route(PREFIX).handler(VertxFront.this::receive);
            router.route(PREFIX + "/*").handler(VertxFront.this::receive);
            router.route().last().handler(ctx -> answer(ctx.response(), WebhookAnswer.of(new Problem(404, "not_found",
                    "this port receives webhooks only: POST /webhooks/{source}"))));
            HttpServerOptions options = new HttpServerOptions()
                    .setIdleTimeout((int) idleTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
            try {
                http = vertx.createHttpServer(options).requestHandler(router)
                        .listen(port, address).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                vertx.close();
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(PORT + ": could not listen on " + address + ":" + port + ": "
                        + cause.getMessage(), cause);
            }
        }

        @Override
        protected void doStop() throws Exception {
            if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
            http = null;
        }

        int actualPort() {
            HttpServer h = http;
            return h == null ? port : h.actualPort();
        }
    }

    private void receive(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!accepting()) {
            request.response().putHeader("Retry-After", "5");
            refuseAndClose(request, WebhookAnswer.of(InboundReadiness.NOT_READY));
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredOver(declared)) {
            tooLarge(request);
            return;
        }
        Buffer body = Buffer.buffer(initialSize(declared));
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) return;
            if (body.length() + chunk.length() > limit) {
                over[0] = true;
                tooLarge(request);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (over[0]) return;
            Context loop = Vertx.currentContext();
            Executor onLoop = task -> loop.runOnContext(v -> task.run());
            gateway.handle(new VertxWebhookRequest(request, body.getBytes()), onLoop)
                    .whenComplete((answer, failure) -> {
                        // handle() answers every failure itself; anything left is a bug: say nothing of it.
                        WebhookAnswer a = answer != null ? answer : WebhookAnswer.of(new Problem(500, "internal_error",
                                "the webhook could not be handled; it was not stored"));
                        if (failure != null) log.error("Unexpected failure on the ingest port", failure);
                        answer(request.response(), a);
                    });
        });
        request.resume();
    }

    private int initialSize(String declared) {
        try {
            return declared == null ? 1024 : (int) Math.max(0, Math.min(Long.parseLong(declared.trim()), limit));
        } catch (NumberFormatException e) {
            return 1024;
        }
    }

    private boolean declaredOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }

    /** 413: the body is over {@code hookline.max-body-size}. */
    private void tooLarge(HttpServerRequest request) {
        refuseAndClose(request, WebhookAnswer.of(sources.tooLarge(new VertxWebhookRequest(request, null).path())));
    }

    /**
     * Answers without reading the body, then closes the connection (HTTP/1: the unread rest of the
     * body makes it unusable). As Tomcat does, up to {@value #SWALLOW} more bytes are read and
     * dropped first, so that a sender still writing its body gets to read the answer instead of a
     * broken pipe. HTTP/2 (h2c) ends the stream only: the connection carries other requests.
     */
    private static void refuseAndClose(HttpServerRequest request, WebhookAnswer refusal) {
        HttpServerResponse response = request.response();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1) response.putHeader(HttpHeaders.CONNECTION, "close");
        Future<Void> sent = answer(response, refusal);
        if (!http1) return;
        HttpConnection connection = request.connection();
        Runnable close = () -> sent.onComplete(v -> connection.close());
        if (request.isEnded()) {
            close.run();
            return;
        }
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > SWALLOW) close.run();
        });
        request.endHandler(end -> close.run());
        request.resume();
    }

    private static Future<Void> answer(HttpServerResponse response, WebhookAnswer answer) {
        if (response.ended()) return Future.succeededFuture();
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, WebhookAnswer.CONTENT_TYPE);
        if (answer.allow() != null) response.putHeader("Allow", answer.allow());
        return response.end(Buffer.buffer(answer.json()));
    }
}
