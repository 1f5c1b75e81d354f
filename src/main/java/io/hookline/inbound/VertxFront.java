package io.hookline.inbound;

import io.hookline.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Executor;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The ingest port: {@code POST /webhooks/{source}} on {@code hookline.inbound.port}, served by
 * Camel's own Vert.x HTTP server (camel-platform-http-vertx, a Camel service started and stopped
 * with the Camel context) instead of Tomcat and the servlet filter chain, which cost most of the
 * CPU of a webhook outside the store. The admin API, the console and actuator stay on
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

    private static final Logger log = LoggerFactory.getLogger(VertxFront.class);

    private final InboundGateway gateway;
    private final InboundSources sources;
    private final InboundMetrics metrics;
    private final long limit;
    private final VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
    private volatile CamelContext camel;
    private volatile Server server;

    public VertxFront(InboundGateway gateway, InboundSources sources, InboundMetrics metrics,
                      InboundProperties properties, @Value("${server.port:8080}") int serverPort) {
        this.gateway = gateway;
        this.sources = sources;
        this.metrics = metrics;
        this.limit = properties.maxBodySize().toBytes();
        InboundProperties.Front front = properties.inbound();
        if (front.port() != 0 && front.port() == serverPort) {
            throw new IllegalStateException(PORT + " (" + front.port() + ") is the same as server.port: give "
                    + "webhooks a port of their own, or leave " + PORT + " unset to receive them on server.port");
        }
        configuration.setBindPort(front.port());
        configuration.setBindHost(front.address());
        configuration.setMaxBodySize(limit);
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        this.camel = context;
        this.server = new Server(configuration);
        try {
            context.addService(server, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(PORT + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        log.info("Receiving webhooks on port {} (hookline.inbound.port): POST /webhooks/{{source}}", port());
    }

    /** The port it listens on (the actual one when configured as 0). */
    public int port() {
        Server s = server;
        return s == null ? configuration.getBindPort() : s.getPort();
    }

    /** Webhooks are taken only while Camel runs (not while it starts or stops). */
    boolean accepting() {
        CamelContext c = camel;
        Server s = server;
        return c != null && c.isStarted() && s != null && s.isStarted();
    }

    /** Camel's server, with Hookline's handlers on its router once it has one. */
    private final class Server extends VertxPlatformHttpServer {

        Server(VertxPlatformHttpServerConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void initializeServer() {
            super.initializeServer();
            Router router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort()));
            router.route(PREFIX).handler(VertxFront.this::receive);
            router.route(PREFIX + "/*").handler(VertxFront.this::receive);
            router.route().last().handler(ctx -> answer(ctx.response(), WebhookAnswer.of(new Problem(404, "not_found",
                    "this port receives webhooks only: POST /webhooks/{source}"))));
        }

        @Override
        protected void startServer() throws Exception {
            try {
                super.startServer();
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) cause = cause.getCause();
                throw new IllegalStateException(PORT + ": could not listen on " + configuration.getBindHost() + ":"
                        + configuration.getBindPort() + ": " + cause.getMessage(), e);
            }
        }
    }

    private void receive(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!accepting()) {
            request.response().putHeader("Retry-After", "5").putHeader(HttpHeaders.CONNECTION, "close");
            answer(request.response(), WebhookAnswer.of(InboundReadiness.NOT_READY));
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

    /** 413 and the connection closed: the unread rest of the body makes it unusable (as on the servlet front). */
    private void tooLarge(HttpServerRequest request) {
        String source = sources.find(new VertxWebhookRequest(request, null).path().replaceAll("^/+|/+$", ""))
                .map(InboundSource::name).orElse(InboundMetrics.UNKNOWN_SOURCE);
        metrics.received(source);
        metrics.rejected(source, "payload_too_large");
        HttpServerResponse response = request.response();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1) response.putHeader(HttpHeaders.CONNECTION, "close");
        Future<Void> sent = answer(response, WebhookAnswer.of(new Problem(413, "payload_too_large",
                "the body is larger than " + limit + " bytes")));
        // HTTP/2 (h2c) ends the stream only: the connection carries other requests.
        if (http1) sent.onComplete(v -> request.connection().close());
    }

    private static Future<Void> answer(HttpServerResponse response, WebhookAnswer answer) {
        if (response.ended()) return Future.succeededFuture();
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, WebhookAnswer.CONTENT_TYPE);
        if (answer.allow() != null) response.putHeader("Allow", answer.allow());
        return response.end(Buffer.buffer(answer.json()));
    }
}
