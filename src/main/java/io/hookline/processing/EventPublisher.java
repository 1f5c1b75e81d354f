package io.hookline.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.event.Event;
import io.hookline.store.AppendResult;
import io.hookline.store.EventIds;
import io.hookline.store.EventStatus;
import io.hookline.store.EventWriter;
import io.hookline.store.NewEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Puts an event into the log from inside Hookline rather than from a webhook (a recipe's
 * follow-up event, the catalogue's "send a test"): stored like a received one, de-duplicated on
 * its delivery id, then processed by the same routes and automations.
 */
@Component
public class EventPublisher {

    /** The source of the events Hookline itself publishes. */
    public static final String INTERNAL_SOURCE = "hookline";

    private final EventWriter writer;
    private final EventDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ProcessingProperties properties;

    public EventPublisher(EventWriter writer, EventDispatcher dispatcher, ObjectMapper mapper, Clock clock,
                          ProcessingProperties properties) {
        this.writer = writer;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.clock = clock;
        this.properties = properties;
    }

    /** Stores and then processes the event; answers with its id (the first one's for a repeated delivery id). */
    public AppendResult publish(String source, String provider, String type, String deliveryId, JsonNode payload,
                                String headersJson) throws Exception {
        Instant now = clock.instant();
        NewEvent event = new NewEvent(new Event(EventIds.next(), source, provider, type, deliveryId, now),
                EventStatus.ACCEPTED, mapper.writeValueAsString(payload), headersJson, null, now.plus(properties.lease()));
        AppendResult result = writer.append(event).get(10, TimeUnit.SECONDS);
        if (!result.duplicate()) dispatcher.submit(event, payload);
        return result;
    }
}
