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
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Stores the event and answers only once it is committed: 202 for a new delivery, 200 with
 * the first event's id for a repeat. A new accepted event is then handed to the dispatcher,
 * which processes it asynchronously.
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
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

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

    void store(InboundRequest r, Exchange exchange, HttpServletRequest http) throws Exception {
        boolean quarantined = !r.violations.isEmpty();
        EventStatus status = quarantined ? EventStatus.QUARANTINED : EventStatus.ACCEPTED;
        Instant leaseUntil = quarantined ? null : r.receivedAt.plus(lease);
        NewEvent event = new NewEvent(
                new Event(EventIds.next(), r.source.name(), r.source.provider().id(), r.type, r.deliveryId, r.receivedAt),
                status, r.text, headers(http, r.source), quarantined ? mapper.writeValueAsString(r.violations) : null,
                leaseUntil);

        AppendResult result = commit(event);
        String source = r.source.name();
        if (result.duplicate()) {
            metrics.duplicate(source);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", result.id());
            body.put("duplicate", true);
            Responses.json(exchange, mapper, 200, body);
            return;
        }
        metrics.accepted(source, status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.event().id());
        body.put("status", status.value());
        if (quarantined) body.put("errors", r.violations);
        Responses.json(exchange, mapper, 202, body);
        if (!quarantined) {
            dispatcher.submit(event, (ObjectNode) r.json);
        }
    }

    private AppendResult commit(NewEvent event) throws InterruptedException {
        try {
            return writer.append(event).get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Not stored (or not known to be): the sender must retry, so never answer 2xx here. If the
            // commit lands after all, the retry is answered as a duplicate and the recovery sweep
            // processes the event once its lease runs out.
            throw new Problem(503, "store_unavailable",
                    "the event could not be stored right now; retry later");
        }
    }

    private String headers(HttpServletRequest http, InboundSource source) throws JsonProcessingException {
        ObjectNode out = mapper.createObjectNode();
        for (String name : Collections.list(http.getHeaderNames())) {
            if (SECRET_HEADERS.contains(name) || name.equalsIgnoreCase(source.signatureHeader())) continue;
            out.put(name.toLowerCase(java.util.Locale.ROOT), http.getHeader(name));
        }
        return mapper.writeValueAsString(out);
    }
}
