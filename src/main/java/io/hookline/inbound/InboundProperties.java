package io.hookline.inbound;

import io.hookline.net.IpAddresses;
import io.hookline.provider.Provider;
import io.hookline.provider.Providers;
import io.hookline.provider.SourceSettings;
import io.hookline.signature.SignatureEncoding;
import io.hookline.validation.Checked;
import io.hookline.validation.Checks;
import io.hookline.validation.SelfChecked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What Hookline receives: {@code hookline.sources}, {@code hookline.max-body-size} and
 * {@code hookline.trusted-proxies}. A mistake stops start-up with a message naming the key.
 *
 * @param sources        The senders we receive from: {@code POST /webhooks/{name}}.
 * @param maxBodySize    Largest webhook body accepted; larger requests are answered 413.
 * @param trustedProxies Addresses of reverse proxies whose X-Forwarded-For header is trusted when deciding the
 *                       sender's address (for IP allow-lists). Exact addresses; empty means the socket address is used.
 * @param inbound        Where webhooks arrive: {@code hookline.inbound.port} gives them a port of their own.
 */
@ConfigurationProperties("hookline")
@Validated
@Checked
public record InboundProperties(
        @Valid Map<String, Source> sources,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<String> trustedProxies,
        @Valid @DefaultValue Front inbound) implements SelfChecked {

    /**
     * The ingest port.
     *
     * @param port    A port of its own for {@code POST /webhooks/{source}} (a Vert.x HTTP server, {@link VertxFront}); the admin
     *                API, console and actuator stay on {@code server.port}, which no longer serves webhooks. Unset:
     *                webhooks are received on {@code server.port}. 0 picks a free port (tests).
     * @param address The address the ingest port listens on.
     * @param idleTimeout A connection of the ingest port with nothing sent or received for this long is closed.
     */
    public record Front(
            @Min(value = 0, message = "must be a port number, 1-65535") @Max(value = 65535, message = "must be a port number, 1-65535")
            Integer port,
            @DefaultValue("0.0.0.0") @NotBlank(message = "must be an address to listen on, e.g. 0.0.0.0") String address,
            @DefaultValue("60s") @DurationMin(seconds = 1, message = "must be at least 1s, e.g. 60s") Duration idleTimeout) {
    }

    public InboundProperties {
        sources = sources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        trustedProxies = copy(trustedProxies);
    }

    /**
     * One sender.
     *
     * @param provider          Provider profile: impact, webconnex, partnerstack, creator, gleam, standard-webhooks, stripe.
     * @param secrets           Signing secrets; any of them may match (several allow rotation). Not used by gleam.
     * @param signatureHeader   Header carrying the signature; defaults to the provider's (see docs/configuration.md).
     * @param signatureEncoding hex or base64; defaults to the provider's (hex for the HMAC providers).
     * @param signaturePrefix   Text the sender puts before the signature value, e.g. "sha256="; stripped when present.
     * @param deliveryIdHeader  Header carrying the sender's delivery id; defaults to the provider's.
     * @param allowedIps        Sender addresses allowed (gleam defaults to Gleam's two published addresses).
     * @param tolerance         Largest age (or clock skew) of a signed timestamp (standard-webhooks, stripe).
     */
    public record Source(
            Provider provider,
            @DefaultValue List<String> secrets,
            String signatureHeader,
            SignatureEncoding signatureEncoding,
            String signaturePrefix,
            String deliveryIdHeader,
            @DefaultValue List<String> allowedIps,
            @DefaultValue("5m") @DurationMin(inclusive = false, message = "must be a positive duration, e.g. 5m")
            Duration tolerance) {

        public Source {
            secrets = copy(secrets);
            allowedIps = copy(allowedIps);
        }

        /** The provider's default addresses (Gleam's published ones) when a source names none. */
        @Override
        public List<String> allowedIps() {
            return allowedIps.isEmpty() && provider != null ? provider.defaultAllowedIps() : allowedIps;
        }

        /** Never the secrets. */
        @Override
        public String toString() {
            return "Source[provider=" + (provider == null ? null : provider.id()) + ", secrets=" + secrets.size()
                    + ", allowedIps=" + allowedIps + ", tolerance=" + tolerance + "]";
        }

        /** What the provider reads of this source (the addresses as configured, without the provider's defaults). */
        public SourceSettings settings() {
            return new SourceSettings(secrets, signatureHeader, signatureEncoding, signaturePrefix, deliveryIdHeader,
                    allowedIps, tolerance);
        }
    }

    @Override
    public void check(Checks checks) {
        if (maxBodySize == null || maxBodySize.toBytes() < 1) {
            checks.field("maxBodySize", "must be a positive size, e.g. 1MB");
        }
        for (String proxy : trustedProxies) {
            if (!IpAddresses.isLiteral(proxy)) checks.field("trustedProxies", "'" + proxy + "' is not an IP address");
        }
        sources.forEach((name, source) -> checkSource(name, source, checks));
    }

    private static void checkSource(String name, Source s, Checks checks) {
        String key = "sources[" + name + "]";
        if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
            checks.field(key, "source name '" + name
                    + "' must be letters, digits, '-' or '_' (it becomes the path /webhooks/" + name + ")");
        }
        if (s.provider() == null) {
            checks.field(key + ".provider", "is required: one of " + Providers.names());
            return;
        }
        // Global problems, not field ones: Spring Boot prints a field's value (a secret).
        List<String> problems = new ArrayList<>();
        s.provider().check("hookline." + key, s.settings(), problems);
        problems.forEach(checks::global);
        for (String ip : s.allowedIps()) {
            if (!IpAddresses.isLiteral(ip)) checks.field(key + ".allowedIps", "'" + ip + "' is not an IP address");
        }
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
