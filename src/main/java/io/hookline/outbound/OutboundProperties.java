package io.hookline.outbound;

import io.hookline.job.Backoff;
import io.hookline.provider.Provider;
import io.hookline.signature.StandardWebhooksVerifier;
import io.hookline.validation.Checked;
import io.hookline.validation.Checks;
import io.hookline.validation.SelfChecked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.outbound}: sending webhooks to subscribers (docs/outbound.md).
 *
 * @param outbound Sending webhooks to subscribers (docs/outbound.md).
 */
@ConfigurationProperties("hookline")
@Validated
@Checked
public record OutboundProperties(@DefaultValue @Valid Outbound outbound) implements SelfChecked {

    /** Shortest signing secret of a declared webhook (128 bits of a random hex or base64 value). */
    public static final int MIN_SECRET_LENGTH = Provider.MIN_SECRET_LENGTH;

    /**
     * @param workers           Deliveries sent at the same time (also the connection pool size).
     * @param timeout           A delivery succeeds on any 2xx answered within this time (connect included).
     * @param allowHttp         Permit plain http:// subscriber URLs (https only by default).
     * @param allowedNetworks   Private, loopback and link-local addresses (IP literals or CIDR blocks) that subscriber
     *                          URLs may nevertheless reach, e.g. 127.0.0.1/32 for a local receiver. Empty: none.
     * @param retry             Retries of failed deliveries (any answer but 2xx, or no answer).
     * @param disableAfter      A webhook whose deliveries have failed without a single success for this long is disabled.
     * @param responseBodyLimit How much of a response body the delivery log keeps.
     * @param pollInterval      How often to look for due deliveries at most (the worker also wakes for new ones and at
     *                          the next due time).
     * @param lease             How long an instance owns a delivery it is sending or holds to send; afterwards another
     *                          may take it over. Must be longer than twice {@code timeout}.
     * @param webhooks          Webhooks declared in configuration (created or updated at start-up, keyed by nickname).
     * @param maxBatch          Most events one {@code POST /api/events} may publish as a JSON array (all stored in one
     *                          commit).
     */
    public record Outbound(
            @DefaultValue("32") @Min(value = 1, message = "must be at least 1") int workers,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("false") boolean allowHttp,
            @DefaultValue List<String> allowedNetworks,
            @DefaultValue @Valid DeliveryRetry retry,
            @DefaultValue("5d") Duration disableAfter,
            @DefaultValue("4KB") DataSize responseBodyLimit,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1m") Duration lease,
            @DefaultValue List<DeclaredWebhook> webhooks,
            @DefaultValue("500") @Min(value = 1, message = "must be at least 1")
            @Max(value = 10_000, message = "must be at most 10000 (one commit)") int maxBatch) {

        public Outbound {
            allowedNetworks = allowedNetworks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allowedNetworks));
            webhooks = webhooks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(webhooks));
        }
    }

    /**
     * @param maxAttempts  Attempts in all: 6 = the first and five retries, as Impact does.
     * @param initialDelay Wait before the first retry.
     * @param multiplier   Growth of the wait: 30s, 2m, 8m, 32m, 2h8m with the defaults.
     * @param maxDelay     Longest wait between attempts.
     * @param jitter       Each wait is moved at random by up to this fraction either way, so retries of many
     *                     deliveries spread out.
     */
    public record DeliveryRetry(
            @DefaultValue("6") @Min(value = 1, message = "must be at least 1 (1 = no retries)") int maxAttempts,
            @DefaultValue("30s") Duration initialDelay,
            @DefaultValue("4.0") double multiplier,
            @DefaultValue("4h") Duration maxDelay,
            @DefaultValue("0.1") double jitter) {

        /** The waits between attempts, jittered (a receiver's Retry-After is honoured, capped at max-delay). */
        public Backoff backoff() {
            return new Backoff(initialDelay, multiplier, maxDelay, jitter);
        }
    }

    /**
     * @param nickname  Unique name; a declared webhook is matched to its stored row by it.
     * @param url       The subscriber's URL.
     * @param events    Event names, or ["*"].
     * @param enabled   Whether deliveries are sent.
     * @param signature impact (X-Impact-Signature, hex HMAC-SHA256) or standard-webhooks.
     * @param secret    Signing secret (required: declared webhooks are configured on both sides).
     */
    public record DeclaredWebhook(
            String nickname,
            String url,
            @DefaultValue("*") List<String> events,
            @DefaultValue("true") boolean enabled,
            @DefaultValue("impact") String signature,
            String secret) {

        public DeclaredWebhook {
            events = events == null ? null : Collections.unmodifiableList(new ArrayList<>(events));
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "DeclaredWebhook[nickname=" + nickname + ", url=" + url + ", events=" + events + ", enabled="
                    + enabled + ", signature=" + signature + "]";
        }
    }

    @Override
    public void check(Checks checks) {
        Outbound o = outbound;
        if (!Checks.positive(o.timeout())) checks.field("outbound.timeout", "must be a positive duration, e.g. 10s");
        if (!Checks.positive(o.disableAfter())) checks.field("outbound.disableAfter", "must be a positive duration, e.g. 5d");
        if (!Checks.positive(o.pollInterval())) checks.field("outbound.pollInterval", "must be a positive duration, e.g. 1s");
        if (!Checks.positive(o.lease())) {
            checks.field("outbound.lease", "must be a positive duration, e.g. 1m");
        } else if (Checks.positive(o.timeout()) && o.lease().compareTo(o.timeout().multipliedBy(2)) <= 0) {
            // A sender starts a held delivery only within the first half of its lease: the attempt must end inside it.
            checks.field("outbound.lease", "must be longer than twice hookline.outbound.timeout (" + o.timeout() + "), e.g. 1m");
        }
        DeliveryRetry r = o.retry();
        if (!Checks.positive(r.initialDelay())) checks.field("outbound.retry.initialDelay", "must be a positive duration, e.g. 30s");
        if (!Checks.positive(r.maxDelay())) checks.field("outbound.retry.maxDelay", "must be a positive duration, e.g. 4h");
        if (r.multiplier() < 1.0) checks.field("outbound.retry.multiplier", "must be 1.0 or more");
        if (r.jitter() < 0 || r.jitter() >= 1) checks.field("outbound.retry.jitter", "must be from 0 (none) to below 1, e.g. 0.1");
        // Global problems: a declared webhook holds a secret, which a field problem would print.
        Set<String> names = new HashSet<>();
        for (int i = 0; i < o.webhooks().size(); i++) {
            DeclaredWebhook w = o.webhooks().get(i);
            String key = "hookline.outbound.webhooks[" + i + "]";
            if (w.nickname() == null || w.nickname().isBlank()) checks.global(key + ".nickname is required (it identifies the webhook)");
            else if (!names.add(w.nickname())) checks.global(key + ".nickname '" + w.nickname() + "' is declared twice");
            if (w.url() == null || w.url().isBlank()) checks.global(key + ".url is required");
            if (w.secret() == null || w.secret().isBlank()) checks.global(key + ".secret is required (the receiver verifies with it)");
            else if (w.secret().length() < MIN_SECRET_LENGTH) checks.global(key + ".secret is shorter than " + MIN_SECRET_LENGTH + " characters");
            if (w.events() == null || w.events().isEmpty()) checks.global(key + ".events needs at least one event name, or *");
            if (!"impact".equals(w.signature()) && !"standard-webhooks".equals(w.signature())) {
                checks.global(key + ".signature must be impact or standard-webhooks");
            } else if ("standard-webhooks".equals(w.signature()) && w.secret() != null && !w.secret().isBlank()) {
                String problem = StandardWebhooksVerifier.secretProblem(w.secret());
                if (problem != null) checks.global(key + ".secret " + problem);
            }
        }
    }
}
