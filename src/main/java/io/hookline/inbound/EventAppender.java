package io.hookline.inbound;

import io.hookline.processing.ProcessingProperties;
import io.hookline.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookline.event.Event;
import io.hookline.processing.EventDispatcher;
import io.hookline.store.AppendResult;
import io.hookline.store.EventStatus;
import io.hookline.store.EventIds;
import io.hookline.store.EventWriter;
import io.hookline.store.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Stores the event and answers only once it is committed: 202 for a new delivery, 200 with
 * the first event's id for a repeat. A new accepted event is then handed to the dispatcher,
 * which processes it asynchronously. Nothing here blocks: the front waits for the commit in
 * its own way (a request thread, or a callback on the ingest port's event loop).
 */
@Component
public class EventAppender {

    /**
     * Never stored: they prove origin, and are worth nothing to anyone reading the log. Each
     * provider names its own, and the source's signature header is dropped as well (below).
     */
    private static final Set<String> SECRET_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    static {
        Collections.addAll(SECRET_HEADERS, "Authorization", "Cookie", "Proxy-Authorization");
        io.hookline.provider.Providers.all().forEach(p -> SECRET_HEADERS.addAll(p.secretHeaders()));
    }

    private final EventWriter writer;
    private final EventDispatcher dispatcher;
    private final InboundMetrics metrics;
    private final ObjectMapper mapper;
    private final Duration lease;

    public EventAppender(EventWriter writer, EventDispatcher dispatcher, InboundMetrics metrics, ObjectMapper mapper,
                         ProcessingProperties properties) {
        this.writer = writer;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.mapper = mapper;
        this.lease = properties.lease();
    }

    /** Hands the event to the writer; the answer waits for {@code commit} (see {@link #answer}). */
    Appending append(InboundRequest r, WebhookRequest http) throws JsonProcessingException {
        boolean quarantined = !r.violations.isEmpty();
        EventStatus status = quarantined ? EventStatus.QUARANTINED : EventStatus.ACCEPTED;
        Instant leaseUntil = quarantined ? null : r.receivedAt.plus(lease);
        NewEvent event = new NewEvent(
                new Event(EventIds.next(), r.source.name(), r.source.provider().id(), r.type, r.deliveryId, r.receivedAt),
                status, r.text, headers(http, r.source), quarantined ? mapper.writeValueAsString(r.violations) : null,
                leaseUntil);
        return new Appending(event, writer.append(event));
    }

    /** An event handed to the writer, and the commit that the answer waits for. */
    record Appending(NewEvent event, CompletableFuture<AppendResult> commit) {}

    /**
     * Once the commit is known: 202 for a new event (then dispatched), 200 with the first event's
     * id for a repeat, and a 503 when it is not known to be stored.
     */
    WebhookAnswer answer(InboundRequest r, Appending appending, AppendResult result, Throwable failure)
            throws JsonProcessingException {
        if (failure != null) {
            // Not stored (or not known to be): the sender must retry, so never answer 2xx here. If the
            // commit lands after all, the retry is answered as a duplicate and the recovery sweep
            // processes the event once its lease runs out.
            throw new Problem(503, "store_unavailable", "the event could not be stored right now; retry later");
        }
        String source = r.source.name();
        Map<String, Object> body = new LinkedHashMap<>();
        if (result.duplicate()) {
            metrics.duplicate(source);
            body.put("id", result.id());
            body.put("duplicate", true);
            return WebhookAnswer.of(200, mapper.writeValueAsBytes(body));
        }
        NewEvent event = appending.event();
        boolean quarantined = event.status() == EventStatus.QUARANTINED;
        metrics.accepted(source, event.status().value());
        body.put("id", event.event().id());
        body.put("status", event.status().value());
        if (quarantined) body.put("errors", r.violations);
        WebhookAnswer answer = WebhookAnswer.of(202, mapper.writeValueAsBytes(body));
        if (!quarantined) {
            dispatcher.submit(event, (ObjectNode) r.json);
        }
        return answer;
    }

    private String headers(WebhookRequest http, InboundSource source) throws JsonProcessingException {
        ObjectNode out = mapper.createObjectNode();
        for (String name : http.headerNames()) {
            if (SECRET_HEADERS.contains(name) || name.equalsIgnoreCase(source.signatureHeader())) continue;
            out.put(name.toLowerCase(java.util.Locale.ROOT), http.header(name));
        }
        return mapper.writeValueAsString(out);
    }
}
