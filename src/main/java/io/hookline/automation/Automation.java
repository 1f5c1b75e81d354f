package io.hookline.automation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Predicate;

/**
 * A recipe bound to events, as an automation file declares it. {@code steps} has one entry for
 * a single action, several for a series (each step's values laid over {@code with}).
 *
 * @param when   filter over the event, or null; {@code whenText} is what the file says
 * @param cancel pending steps are cancelled by a later matching event, or null
 */
public record Automation(String name, String file, List<EventPattern> on, Predicate when, String whenText,
                         Recipe recipe, List<Step> steps, Cancel cancel, boolean dryRun, Set<String> secrets) {

    public record Step(Duration after, Map<String, MessageTemplate> with) {
    }

    /** A later event of {@code on} whose {@code match} renders to the same key cancels the pending steps. */
    public record Cancel(List<EventPattern> on, MessageTemplate match) {
    }

    public boolean listensTo(String source, String type) {
        return on.stream().anyMatch(p -> p.matches(source, type));
    }

    public boolean cancelledBy(String source, String type) {
        return cancel != null && cancel.on().stream().anyMatch(p -> p.matches(source, type));
    }

    /** The Camel endpoint of this automation's route. */
    public String endpoint() {
        return "direct:automation." + name;
    }
}
