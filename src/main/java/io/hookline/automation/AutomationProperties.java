package io.hookline.automation;

import io.hookline.job.Backoff;
import io.hookline.validation.Checked;
import io.hookline.validation.Checks;
import io.hookline.validation.SelfChecked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.automations} and {@code hookline.mail}: recipes bound to events (docs/automations.md).
 *
 * @param automations Automations: recipes bound to events (see docs/automations.md).
 * @param mail        The SMTP server the email recipes send through.
 */
@ConfigurationProperties("hookline")
@Validated
@Checked
public record AutomationProperties(@DefaultValue @Valid Automations automations, @DefaultValue Mail mail)
        implements SelfChecked {

    /**
     * @param files           Automation files, read in order (paths, or classpath: resources). A missing file is an
     *                        error. None by default: the demo profile and the distribution's conf/ name theirs.
     * @param recipesLocation Your own recipes (Kamelets, *.kamelet.yaml; or route templates in *.camel.yaml, the
     *                        older format), added to those shipped in the jar; the same forms as
     *                        hookline.routes-location. A recipe id that a shipped recipe has is an error.
     * @param dryRun          Print what each action would send instead of sending it (every automation).
     * @param workers         Threads running automation actions.
     * @param pollInterval    How often to look for actions that came due (new actions start at once).
     * @param lease           How long an instance owns an action it is running; afterwards another may take it over.
     * @param retry           Retries of transient failures (connect errors, timeouts, 5xx, 429).
     */
    public record Automations(
            @DefaultValue List<String> files,
            @DefaultValue List<String> recipesLocation,
            @DefaultValue("false") boolean dryRun,
            @DefaultValue("4") @Min(value = 1, message = "must be at least 1") int workers,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue @Valid Retry retry) {

        public Automations {
            files = copy(files);
            recipesLocation = copy(recipesLocation);
        }
    }

    /**
     * @param maxAttempts  Tries in all, the first included; after the last one the action is parked as failed.
     * @param initialDelay Wait before the second try; each further wait is multiplied by {@code multiplier}.
     * @param multiplier   Growth of the wait between tries.
     * @param maxDelay     Longest wait between tries, also for a partner's Retry-After.
     */
    public record Retry(
            @DefaultValue("5") @Min(value = 1, message = "must be at least 1 (1 = no retries)") int maxAttempts,
            @DefaultValue("2s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10m") Duration maxDelay) {

        /** The waits between tries: no jitter (a partner's Retry-After is honoured, capped at max-delay). */
        public Backoff backoff() {
            return new Backoff(initialDelay, multiplier, maxDelay, 0);
        }
    }

    /**
     * @param host SMTP host of the email recipes (user and password: camel.component.mail.username/password).
     * @param port SMTP port.
     * @param from Sender address when an automation names none.
     */
    public record Mail(
            @DefaultValue("localhost") String host,
            @DefaultValue("25") int port,
            @DefaultValue("hookline@localhost") String from) {
    }

    @Override
    public void check(Checks checks) {
        Automations a = automations;
        if (!Checks.positive(a.pollInterval())) checks.field("automations.pollInterval", "must be a positive duration, e.g. 500ms");
        if (!Checks.positive(a.lease())) checks.field("automations.lease", "must be a positive duration, e.g. 2m");
        Retry r = a.retry();
        if (!Checks.positive(r.initialDelay())) checks.field("automations.retry.initialDelay", "must be a positive duration, e.g. 2s");
        if (!Checks.positive(r.maxDelay())) checks.field("automations.retry.maxDelay", "must be a positive duration, e.g. 10m");
        if (r.multiplier() < 1.0) checks.field("automations.retry.multiplier", "must be 1.0 or more");
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
