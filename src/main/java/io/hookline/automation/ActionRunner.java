package io.hookline.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.event.EventView;
import io.hookline.job.JobOutcome;
import io.hookline.store.EventStore;
import io.hookline.store.StoredAction;
import io.hookline.store.StoredEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs one try of an action: renders the automation's parameters over the event and sends the
 * result to the automation's route (made from its recipe). The contract between a recipe and the
 * runner (recipes/README.md, "The runner contract"; RecipeConventionsTest checks the shipped
 * recipes against these constants): the route sees each parameter as a variable
 * ({@code ${variable.text}}), and the variables of {@link #RUNNER_VARIABLES}: the parameters as
 * JSON literals ({@code ${variable.json[text]}}) and form-encoded ({@code ${variable.form[text]}}),
 * the event ({@code event}, {@code data}, {@code payload}), {@code payloadJson},
 * {@code idempotencyKey}, {@code dryRun} and {@code automation}. The exchange starts with no
 * headers, so nothing from the inbound request reaches a partner. A recipe reports what it did
 * in variable {@value #RESULT} (the history's detail) and, when the partner answered with an id
 * (a deal, a session, a message), that id in variable {@value #PARTNER_ID} (logged).
 */
@Component
public class ActionRunner {

    /** What a recipe sets: what was done, for the history. */
    public static final String RESULT = "result";
    /** What a recipe sets: the partner's id of what was done, for the log line of the finished action. */
    public static final String PARTNER_ID = "partnerId";
    /** The variables the runner sets besides the parameters: a recipe reads them and never sets them. */
    public static final java.util.Set<String> RUNNER_VARIABLES = java.util.Set.of("json", "form", "event", "data", "payload",
            "payloadJson", "idempotencyKey", "dryRun", "automation", DryRun.SECRETS);

    private final EventStore events;
    private final AutomationRegistry registry;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final boolean dryRunAll;

    public ActionRunner(EventStore events, AutomationRegistry registry, ProducerTemplate producer, ObjectMapper mapper,
                        Clock clock, AutomationProperties properties) {
        this.events = events;
        this.registry = registry;
        this.producer = producer;
        this.mapper = mapper;
        this.clock = clock;
        this.dryRunAll = properties.automations().dryRun();
    }

    public JobOutcome<ActionResult> run(StoredAction action) {
        Optional<Automation> found = registry.find(action.automation());
        if (found.isEmpty()) {
            return JobOutcome.failed("automation '" + action.automation() + "' is no longer configured", ActionResult.NONE);
        }
        Automation automation = found.get();
        if (action.step() >= automation.steps().size()) {
            return JobOutcome.failed("automation '" + automation.name() + "' has no step " + (action.step() + 1) + " any more",
                    ActionResult.NONE);
        }
        Optional<StoredEvent> event = events.find(action.eventId());
        if (event.isEmpty()) return JobOutcome.failed("event " + action.eventId() + " is no longer in the log", ActionResult.NONE);
        StoredEvent e = event.get();
        Map<String, Object> view;
        try {
            // The payload as an enrich route left it, when one ran; otherwise as received.
            view = EventView.of(e.event(), mapper.readValue(action.payload() != null ? action.payload() : e.payload(),
                    Object.class));
        } catch (JsonProcessingException ex) {
            return JobOutcome.failed("the stored payload is not JSON", ActionResult.NONE);
        }
        boolean dryRun = dryRunAll || automation.dryRun();
        Map<String, String> params = new HashMap<>();
        try {
            automation.steps().get(action.step()).with().forEach((name, template) -> params.put(name, template.render(view)));
        } catch (RuntimeException ex) {
            return JobOutcome.failed(mask(automation, "a template could not be rendered: " + ex.getMessage()),
                    ActionResult.NONE);
        }
        Exchange result = producer.send(automation.endpoint(), exchange -> {
            Map<String, String> json = new HashMap<>();
            Map<String, String> form = new HashMap<>();
            for (Map.Entry<String, String> p : params.entrySet()) {
                exchange.setVariable(p.getKey(), p.getValue());
                json.put(p.getKey(), mapper.writeValueAsString(p.getValue()));
                form.put(p.getKey(), URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
            exchange.setVariable("json", json);
            exchange.setVariable("form", form);
            view.forEach(exchange::setVariable);
            // As received, whatever an enrich route did: http-forward's "original" forwards exactly that.
            exchange.setVariable("payloadJson", e.payload());
            exchange.setVariable("idempotencyKey",
                    "hookline-" + e.event().id() + "-" + automation.name() + "-" + action.step());
            exchange.setVariable("dryRun", dryRun);
            exchange.setVariable("automation", automation.name());
            exchange.setVariable(DryRun.SECRETS, automation.secrets());
            exchange.getIn().setBody(null);
        });
        if (result.getException() != null) {
            JobOutcome<ActionResult> o = Failures.classify(result.getException(), clock.instant());
            return new JobOutcome<>(o.kind(), mask(automation, o.detail()), o.retryAfter(), ActionResult.NONE);
        }
        if (dryRun) {
            @SuppressWarnings("unchecked")
            List<String> printed = result.getVariable(DryRun.PRINTED, new ArrayList<String>(), List.class);
            Object said = result.getVariable(RESULT);
            return JobOutcome.done(mask(automation, "dry run: " + (!printed.isEmpty() ? String.join("\n", printed)
                    : said != null ? said : "nothing would be sent")), new ActionResult(null, true));
        }
        Object summary = result.getVariable(RESULT);
        Object partnerId = result.getVariable(PARTNER_ID);
        return JobOutcome.done(summary == null ? null : mask(automation, Failures.shorten(String.valueOf(summary))),
                new ActionResult(partnerId == null || String.valueOf(partnerId).isBlank() ? null
                        : mask(automation, Failures.shorten(String.valueOf(partnerId))), false));
    }

    static String mask(Automation automation, String text) {
        return text == null ? null : DryRun.mask(text, automation.secrets());
    }
}
