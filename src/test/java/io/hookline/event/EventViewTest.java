package io.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one shape routes and automations read: data is the payload's own data, changed in place by enrich routes. */
class EventViewTest {

    private static final Event EVENT = new Event("e1", "impact", "impact", "payment.received", "d1",
            Instant.parse("2025-04-28T22:11:00Z"));

    @Test
    void dataIsThePayloadsDataObjectItselfOrTheWholePayload() {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("amount", 250));
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("event", "payment.received", "data", data));
        Map<String, Object> view = EventView.of(EVENT, payload);

        assertThat(view.get("event")).isEqualTo(Map.of("id", "e1", "source", "impact", "type", "payment.received",
                "provider", "impact", "deliveryId", "d1", "time", "2025-04-28T22:11:00Z"));
        assertThat(view.get("payload")).isSameAs(payload);
        assertThat(view.get("data")).isSameAs(data);
        Map<String, Object> flat = Map.of("email", "a@example.org");
        assertThat(EventView.of(EVENT, flat).get("data")).isSameAs(flat);
    }

    @Test
    void aViewChangedInPlaceIsAcceptedAndOneWhoseBodyOrDataWasReplacedIsRefusedSayingWhatToDo() {
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("data", new LinkedHashMap<>(Map.of("amount", 250))));
        Map<String, Object> view = EventView.of(EVENT, payload);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) view.get("data");
        data.put("tier", "gold");
        assertThat(EventView.checked(view)).isSameAs(view);
        assertThat(payload.get("data")).isEqualTo(Map.of("amount", 250, "tier", "gold"));

        assertThatThrownBy(() -> EventView.checked("replaced")).hasMessageContaining("not replace the body");
        view.put("data", Map.of("tier", "gold"));
        assertThatThrownBy(() -> EventView.checked(view)).hasMessageContaining("must change ${body[data]} in place");
    }
}
