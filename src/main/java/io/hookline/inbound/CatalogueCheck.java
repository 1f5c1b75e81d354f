package io.hookline.inbound;

import io.hookline.catalogue.EventCatalogue;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a known event against its catalogue schema. A payload that breaks it is not refused
 * (the sender would only retry the same bytes): it is stored as quarantined, with the reasons,
 * and its automations do not run. Unknown event types pass through.
 */
@Component
public class CatalogueCheck {

    /** The store's limit for an event type. */
    static final int MAX_TYPE = 200;

    private final EventCatalogue catalogue;

    public CatalogueCheck(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    void check(InboundRequest r) {
        if (r.type == null) {
            r.type = "unknown";
            r.violations = List.of("the payload names no event type (expected in "
                    + r.source.provider().typeLocation() + ")");
            return;
        }
        if (r.type.length() > MAX_TYPE) {
            r.violations = List.of("the event type is longer than " + MAX_TYPE + " characters");
            r.type = "unknown";
            return;
        }
        catalogue.find(r.source.provider().id(), r.type)
                .ifPresent(entry -> r.violations = EventCatalogue.violations(entry, r.json));
    }
}
