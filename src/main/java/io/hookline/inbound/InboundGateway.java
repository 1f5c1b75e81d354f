package io.hookline.inbound;

import io.hookline.store.AppendResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/{source}} from the raw request to the answer, in one place: resolve the
 * source, prove the sender (signature over the exact bytes, or address), read the JSON, check it
 * against the catalogue, store it, answer. Any refusal is answered with its status and
 * {@code {"error", "detail"}}; anything unexpected with a 500 that says nothing of the internals.
 *
 * <p>The fixed pipeline is Java, not a route a configuration file could break, and knows no HTTP
 * stack: the servlet front ({@link GatewayRoute}) and the ingest port ({@link VertxFront}) hand
 * it a {@link WebhookRequest} and write the {@link WebhookAnswer} it gives back.
 */
@Component
public class InboundGateway {

    /** The longest an answer waits for its commit; then 503 {@code store_unavailable}, and the sender retries. */
    private static final long COMMIT_TIMEOUT_MILLIS = 10_000;

    private final Clock clock;
    private final SourceResolver sources;
    private final SignatureCheck signatures;
    private final PayloadReader payloads;
    private final CatalogueCheck catalogue;
    private final EventAppender events;
    private final RejectionResponder rejections;

    public InboundGateway(Clock clock, SourceResolver sources, SignatureCheck signatures, PayloadReader payloads,
                          CatalogueCheck catalogue, EventAppender events, RejectionResponder rejections) {
        this.clock = clock;
        this.sources = sources;
        this.signatures = signatures;
        this.payloads = payloads;
        this.catalogue = catalogue;
        this.events = events;
        this.rejections = rejections;
    }

    /**
     * Runs the checks on the calling thread and answers once the event is committed (at most the
     * commit timeout later) on {@code answerOn}, so that the writer thread that completes the
     * commit never does the answering work of every request. A refusal is answered at once.
     */
    public CompletableFuture<WebhookAnswer> handle(WebhookRequest http, Executor answerOn) {
        Started s = start(http);
        if (s.refusal() != null) return CompletableFuture.completedFuture(s.refusal());
        return s.appending().commit().orTimeout(COMMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .handleAsync((result, failure) -> answer(s, result, failure), answerOn);
    }

    /** The same, waiting for the commit on the calling thread (a servlet request thread) and answering there. */
    public WebhookAnswer handle(WebhookRequest http) {
        Started s = start(http);
        if (s.refusal() != null) return s.refusal();
        AppendResult result;
        try {
            result = s.appending().commit().get(COMMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(s, null, e);
        } catch (ExecutionException | TimeoutException | CancellationException failed) {
            return answer(s, null, failed);
        }
        return answer(s, result, null);
    }

    /** Every check, then the event handed to the writer; or the refusal. */
    private Started start(WebhookRequest http) {
        InboundRequest r = new InboundRequest(clock.instant());
        try {
            sources.resolve(r, http);
            signatures.check(r, http);   // before the body is parsed: an unsigned request learns nothing
            payloads.read(r, http);
            catalogue.check(r);
            return new Started(r, events.append(r, http), null);
        } catch (Exception refused) {
            return new Started(r, null, rejections.answer(r, refused));
        }
    }

    private record Started(InboundRequest request, EventAppender.Appending appending, WebhookAnswer refusal) {}

    private WebhookAnswer answer(Started s, AppendResult result, Throwable failure) {
        try {
            return events.answer(s.request(), s.appending(), result, failure);
        } catch (Exception refused) {
            return rejections.answer(s.request(), refused);
        }
    }
}
