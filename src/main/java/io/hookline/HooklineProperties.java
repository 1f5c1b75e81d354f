package io.hookline;

import io.hookline.net.IpAddresses;
import io.hookline.provider.Provider;
import io.hookline.provider.Providers;
import io.hookline.provider.SourceSettings;
import io.hookline.signature.SignatureEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Everything under {@code hookline.*}. Spring Boot validates it at start-up through
 * {@link #validate}, so a mistake stops the application with a message naming the key.
 */
@ConfigurationProperties("hookline")
public class HooklineProperties implements Validator {

    /** Bearer token for the admin API (/api/**). When empty, one is generated at start-up and logged once. */
    private String adminToken;

    /** Largest webhook body accepted; larger requests are answered 413. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /**
     * Addresses of reverse proxies whose X-Forwarded-For header is trusted when deciding the
     * sender's address (for IP allow-lists). Exact addresses; empty means the socket address is used.
     */
    private List<String> trustedProxies = new ArrayList<>();

    /**
     * Your own Camel YAML routes, loaded after Hookline's (which are in the jar): directories
     * (every *.yaml file in them, through symbolic links), files, globs such as
     * /etc/hookline/routes/*.camel.yaml, or classpath: patterns. Relative paths are from the
     * working directory; a location that does not exist stops start-up.
     */
    private List<String> routesLocation = new ArrayList<>();

    /** Extensions from jars on the classpath (plugins/): processors and Java recipes outside io.hookline. */
    private Plugins plugins = new Plugins();

    /** The senders we receive from: {@code POST /webhooks/{name}}. */
    private Map<String, Source> sources = new LinkedHashMap<>();

    /** Asynchronous processing of stored events. */
    private Processing processing = new Processing();

    /** How long finished events stay in the log. */
    private Retention retention = new Retention();

    /** How the store writes (H2). */
    private Store store = new Store();

    /** Automations: recipes bound to events (see docs/automations.md). */
    private Automations automations = new Automations();

    /** The SMTP server the email recipes send through. */
    private Mail mail = new Mail();

    /** Sending webhooks to subscribers (docs/outbound.md). */
    private Outbound outbound = new Outbound();

    /** Shortest signing secret and admin token accepted (128 bits of a random hex or base64 value). */
    public static final int MIN_SECRET_LENGTH = Provider.MIN_SECRET_LENGTH;

    public static class Plugins {
        /**
         * Packages scanned for Spring components (@Component processors, Java recipes) besides
         * io.hookline, e.g. [org.example.hookline]. Classes must be on the classpath (plugins/).
         */
        private List<String> scanPackages = new ArrayList<>();

        public List<String> getScanPackages() { return scanPackages; }
        public void setScanPackages(List<String> scanPackages) { this.scanPackages = scanPackages; }
    }

    public static class Source {
        /** Provider profile: impact, webconnex, partnerstack, creator, gleam, standard-webhooks, stripe. */
        private Provider provider;

        /** Signing secrets; any of them may match (several allow rotation). Not used by gleam. */
        private List<String> secrets = new ArrayList<>();

        /** Header carrying the signature; defaults to the provider's (see docs/configuration.md). */
        private String signatureHeader;

        /** hex or base64; defaults to the provider's (hex for the HMAC providers). */
        private SignatureEncoding signatureEncoding;

        /** Text the sender puts before the signature value, e.g. "sha256="; stripped when present. */
        private String signaturePrefix;

        /** Header carrying the sender's delivery id; defaults to the provider's. */
        private String deliveryIdHeader;

        /** Sender addresses allowed (gleam defaults to Gleam's two published addresses). */
        private List<String> allowedIps = new ArrayList<>();

        /** Largest age (or clock skew) of a signed timestamp (standard-webhooks, stripe). */
        private Duration tolerance = Duration.ofMinutes(5);

        public Provider getProvider() { return provider; }
        public void setProvider(Provider provider) { this.provider = provider; }
        public List<String> getSecrets() { return secrets; }
        public void setSecrets(List<String> secrets) { this.secrets = secrets; }
        public String getSignatureHeader() { return signatureHeader; }
        public void setSignatureHeader(String signatureHeader) { this.signatureHeader = signatureHeader; }
        public SignatureEncoding getSignatureEncoding() { return signatureEncoding; }
        public void setSignatureEncoding(SignatureEncoding signatureEncoding) { this.signatureEncoding = signatureEncoding; }
        public String getSignaturePrefix() { return signaturePrefix; }
        public void setSignaturePrefix(String signaturePrefix) { this.signaturePrefix = signaturePrefix; }
        public String getDeliveryIdHeader() { return deliveryIdHeader; }
        public void setDeliveryIdHeader(String deliveryIdHeader) { this.deliveryIdHeader = deliveryIdHeader; }
        /** The provider's default addresses (Gleam's published ones) when a source names none. */
        public List<String> getAllowedIps() {
            return allowedIps.isEmpty() && provider != null ? provider.defaultAllowedIps() : allowedIps;
        }
        public void setAllowedIps(List<String> allowedIps) { this.allowedIps = allowedIps; }
        public Duration getTolerance() { return tolerance; }
        public void setTolerance(Duration tolerance) { this.tolerance = tolerance; }

        /** What the provider reads of this source. */
        public SourceSettings settings() {
            return new SourceSettings(secrets, signatureHeader, signatureEncoding, signaturePrefix, deliveryIdHeader,
                    allowedIps, tolerance);
        }
    }

    public static class Processing {
        /** Threads that hand stored events to the Camel routes. */
        private int workers = 2;

        /** Camel endpoint every normalised event is sent to (io.hookline.automation.DispatchRoute). */
        private String endpoint = "direct:hookline-events";

        /**
         * How long an instance owns an accepted event it has not finished; after that, any
         * instance's recovery sweep takes it over (e.g. after a crash).
         */
        private Duration lease = Duration.ofSeconds(30);

        /** How often to look for accepted events whose lease ran out. */
        private Duration recoveryInterval = Duration.ofSeconds(5);

        public int getWorkers() { return workers; }
        public void setWorkers(int workers) { this.workers = workers; }
        public String getEndpoint() { return endpoint; }
        public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public Duration getRecoveryInterval() { return recoveryInterval; }
        public void setRecoveryInterval(Duration recoveryInterval) { this.recoveryInterval = recoveryInterval; }
    }

    public static class Retention {
        /**
         * Processed and quarantined events older than this are deleted, with their payload and
         * history (failed and not yet processed events are kept). A delivery re-sent after that
         * is no longer recognised as a duplicate, so keep it longer than any sender retries.
         * Empty keeps everything.
         */
        private Duration maxAge = Duration.ofDays(30);

        /** How often to delete what is older than max-age. */
        private Duration interval = Duration.ofHours(1);

        public Duration getMaxAge() { return maxAge; }
        public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
    }

    public static class Store {
        /**
         * On H2, also force every flush of committed writes to the disk (fsync), so that an
         * acknowledged webhook survives a power loss or an operating-system crash, not only a
         * crash of Hookline. Costs one fsync per group of commits. PostgreSQL ignores it (it
         * fsyncs by itself).
         */
        private boolean fsync;

        /**
         * On H2, the shortest time between two writes of committed changes to the file. Commits
         * that arrive meanwhile wait and share the next write: larger groups write far fewer bytes
         * (each write rewrites the newest pages of every table and index), at the cost of up to this
         * much latency. 0 writes as soon as a commit waits.
         */
        private Duration flushInterval = Duration.ofMillis(2);

        public boolean isFsync() { return fsync; }
        public void setFsync(boolean fsync) { this.fsync = fsync; }
        public Duration getFlushInterval() { return flushInterval; }
        public void setFlushInterval(Duration flushInterval) { this.flushInterval = flushInterval; }
    }

    public static class Automations {
        /**
         * Automation files, read in order (paths, or classpath: resources). A missing file is an
         * error. None by default: the demo profile and the distribution's conf/ name theirs.
         */
        private List<String> files = new ArrayList<>();

        /**
         * Your own recipes (Kamelets, *.kamelet.yaml; or route templates in *.camel.yaml, the
         * older format), added to those shipped in the jar; the
         * same forms as hookline.routes-location. A recipe id that a shipped recipe has is an error.
         */
        private List<String> recipesLocation = new ArrayList<>();

        /** Print what each action would send instead of sending it (every automation). */
        private boolean dryRun;

        /** Threads running automation actions. */
        private int workers = 4;

        /** How often to look for actions that came due (new actions start at once). */
        private Duration pollInterval = Duration.ofMillis(500);

        /** How long an instance owns an action it is running; afterwards another may take it over. */
        private Duration lease = Duration.ofMinutes(2);

        /** Retries of transient failures (connect errors, timeouts, 5xx, 429). */
        private Retry retry = new Retry();

        public List<String> getFiles() { return files; }
        public void setFiles(List<String> files) { this.files = files; }
        public List<String> getRecipesLocation() { return recipesLocation; }
        public void setRecipesLocation(List<String> recipesLocation) { this.recipesLocation = recipesLocation; }
        public boolean isDryRun() { return dryRun; }
        public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
        public int getWorkers() { return workers; }
        public void setWorkers(int workers) { this.workers = workers; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public Retry getRetry() { return retry; }
        public void setRetry(Retry retry) { this.retry = retry; }
    }

    public static class Retry {
        /** Tries in all, the first included; after the last one the action is parked as failed. */
        private int maxAttempts = 5;

        /** Wait before the second try; each further wait is multiplied by {@code multiplier}. */
        private Duration initialDelay = Duration.ofSeconds(2);

        /** Growth of the wait between tries. */
        private double multiplier = 2.0;

        /** Longest wait between tries, also for a partner's Retry-After. */
        private Duration maxDelay = Duration.ofMinutes(10);

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialDelay() { return initialDelay; }
        public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }

        /** The waits between tries: no jitter (a partner's Retry-After is honoured, capped at max-delay). */
        public io.hookline.job.Backoff backoff() {
            return new io.hookline.job.Backoff(initialDelay, multiplier, maxDelay, 0);
        }
    }

    public static class Outbound {
        /** Deliveries sent at the same time (also the connection pool size). */
        private int workers = 32;

        /** A delivery succeeds on any 2xx answered within this time (connect included). */
        private Duration timeout = Duration.ofSeconds(10);

        /** Permit plain http:// subscriber URLs (https only by default). */
        private boolean allowHttp;

        /**
         * Private, loopback and link-local addresses (IP literals or CIDR blocks) that subscriber
         * URLs may nevertheless reach, e.g. 127.0.0.1/32 for a local receiver. Empty: none.
         */
        private List<String> allowedNetworks = new ArrayList<>();

        /** Retries of failed deliveries (any answer but 2xx, or no answer). */
        private DeliveryRetry retry = new DeliveryRetry();

        /** A webhook whose deliveries have failed without a single success for this long is disabled. */
        private Duration disableAfter = Duration.ofDays(5);

        /** How much of a response body the delivery log keeps. */
        private DataSize responseBodyLimit = DataSize.ofKilobytes(4);

        /** How often to look for due deliveries at most (the worker also wakes for new ones and at the next due time). */
        private Duration pollInterval = Duration.ofSeconds(1);

        /**
         * How long an instance owns a delivery it is sending or holds to send; afterwards another may take
         * it over. Must be longer than twice {@code timeout}.
         */
        private Duration lease = Duration.ofMinutes(1);

        /** Webhooks declared in configuration (created or updated at start-up, keyed by nickname). */
        private List<DeclaredWebhook> webhooks = new ArrayList<>();

        public int getWorkers() { return workers; }
        public void setWorkers(int workers) { this.workers = workers; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public boolean isAllowHttp() { return allowHttp; }
        public void setAllowHttp(boolean allowHttp) { this.allowHttp = allowHttp; }
        public List<String> getAllowedNetworks() { return allowedNetworks; }
        public void setAllowedNetworks(List<String> allowedNetworks) { this.allowedNetworks = allowedNetworks; }
        public DeliveryRetry getRetry() { return retry; }
        public void setRetry(DeliveryRetry retry) { this.retry = retry; }
        public Duration getDisableAfter() { return disableAfter; }
        public void setDisableAfter(Duration disableAfter) { this.disableAfter = disableAfter; }
        public DataSize getResponseBodyLimit() { return responseBodyLimit; }
        public void setResponseBodyLimit(DataSize responseBodyLimit) { this.responseBodyLimit = responseBodyLimit; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public List<DeclaredWebhook> getWebhooks() { return webhooks; }
        public void setWebhooks(List<DeclaredWebhook> webhooks) { this.webhooks = webhooks; }
    }

    public static class DeliveryRetry {
        /** Attempts in all: 6 = the first and five retries, as Impact does. */
        private int maxAttempts = 6;

        /** Wait before the first retry. */
        private Duration initialDelay = Duration.ofSeconds(30);

        /** Growth of the wait: 30s, 2m, 8m, 32m, 2h8m with the defaults. */
        private double multiplier = 4.0;

        /** Longest wait between attempts. */
        private Duration maxDelay = Duration.ofHours(4);

        /** Each wait is moved at random by up to this fraction either way, so retries of many deliveries spread out. */
        private double jitter = 0.1;

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialDelay() { return initialDelay; }
        public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
        public double getJitter() { return jitter; }
        public void setJitter(double jitter) { this.jitter = jitter; }

        /** The waits between attempts, jittered (a receiver's Retry-After is honoured, capped at max-delay). */
        public io.hookline.job.Backoff backoff() {
            return new io.hookline.job.Backoff(initialDelay, multiplier, maxDelay, jitter);
        }
    }

    public static class DeclaredWebhook {
        /** Unique name; a declared webhook is matched to its stored row by it. */
        private String nickname;
        private String url;
        /** Event names, or ["*"]. */
        private List<String> events = new ArrayList<>(List.of("*"));
        private boolean enabled = true;
        /** impact (X-Impact-Signature, hex HMAC-SHA256) or standard-webhooks. */
        private String signature = "impact";
        /** Signing secret (required: declared webhooks are configured on both sides). */
        private String secret;

        public String getNickname() { return nickname; }
        public void setNickname(String nickname) { this.nickname = nickname; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public List<String> getEvents() { return events; }
        public void setEvents(List<String> events) { this.events = events; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getSignature() { return signature; }
        public void setSignature(String signature) { this.signature = signature; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
    }

    public static class Mail {
        /** SMTP host of the email recipes (user and password: camel.component.mail.username/password). */
        private String host = "localhost";

        /** SMTP port. */
        private int port = 25;

        /** Sender address when an automation names none. */
        private String from = "hookline@localhost";

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
    }

    @Override
    public boolean supports(Class<?> clazz) {
        return HooklineProperties.class.isAssignableFrom(clazz);
    }

    @Override
    public void validate(Object target, Errors errors) {
        HooklineProperties p = (HooklineProperties) target;
        if (p.adminToken != null && !p.adminToken.isBlank() && p.adminToken.length() < MIN_SECRET_LENGTH) {
            errors.reject("invalid", "hookline.admin-token is shorter than " + MIN_SECRET_LENGTH
                    + " characters; use a long random value (e.g. openssl rand -hex 24), or leave it unset to have one generated");
        }
        if (p.maxBodySize == null || p.maxBodySize.toBytes() < 1) {
            errors.rejectValue("maxBodySize", "invalid", "must be a positive size, e.g. 1MB");
        }
        if (p.processing.workers < 1) {
            errors.rejectValue("processing.workers", "invalid", "must be at least 1");
        }
        for (String proxy : p.trustedProxies) {
            if (!IpAddresses.isLiteral(proxy)) {
                errors.rejectValue("trustedProxies", "invalid", "'" + proxy + "' is not an IP address");
            }
        }
        if (p.retention.maxAge != null && (p.retention.maxAge.isNegative() || p.retention.maxAge.isZero())) {
            errors.rejectValue("retention.maxAge", "invalid", "must be a positive duration such as 30d, or empty to keep everything");
        }
        if (p.retention.interval == null || p.retention.interval.isNegative() || p.retention.interval.isZero()) {
            errors.rejectValue("retention.interval", "invalid", "must be a positive duration such as 1h");
        }
        p.sources.forEach((name, source) -> validateSource(name, source, errors));
        Duration flushInterval = p.store.flushInterval;
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            errors.rejectValue("store.flushInterval", "invalid", "must be between 0 and 1s, e.g. 2ms");
        }
        validateAutomations(p.automations, errors);
        validateOutbound(p.outbound, errors);
    }

    private static void validateOutbound(Outbound o, Errors errors) {
        if (o.workers < 1) errors.rejectValue("outbound.workers", "invalid", "must be at least 1");
        if (!positive(o.timeout)) errors.rejectValue("outbound.timeout", "invalid", "must be a positive duration, e.g. 10s");
        if (!positive(o.disableAfter)) errors.rejectValue("outbound.disableAfter", "invalid", "must be a positive duration, e.g. 5d");
        if (!positive(o.pollInterval)) errors.rejectValue("outbound.pollInterval", "invalid", "must be a positive duration, e.g. 1s");
        if (!positive(o.lease)) {
            errors.rejectValue("outbound.lease", "invalid", "must be a positive duration, e.g. 1m");
        } else if (positive(o.timeout) && o.lease.compareTo(o.timeout.multipliedBy(2)) <= 0) {
            // A sender starts a held delivery only within the first half of its lease: the attempt must end inside it.
            errors.rejectValue("outbound.lease", "invalid", "must be longer than twice hookline.outbound.timeout ("
                    + o.timeout + "), e.g. 1m");
        }
        DeliveryRetry r = o.retry;
        if (r.maxAttempts < 1) errors.rejectValue("outbound.retry.maxAttempts", "invalid", "must be at least 1 (1 = no retries)");
        if (!positive(r.initialDelay)) errors.rejectValue("outbound.retry.initialDelay", "invalid", "must be a positive duration, e.g. 30s");
        if (!positive(r.maxDelay)) errors.rejectValue("outbound.retry.maxDelay", "invalid", "must be a positive duration, e.g. 4h");
        if (r.multiplier < 1.0) errors.rejectValue("outbound.retry.multiplier", "invalid", "must be 1.0 or more");
        if (r.jitter < 0 || r.jitter >= 1) errors.rejectValue("outbound.retry.jitter", "invalid", "must be from 0 (none) to below 1, e.g. 0.1");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < o.webhooks.size(); i++) {
            DeclaredWebhook w = o.webhooks.get(i);
            String key = "hookline.outbound.webhooks[" + i + "]";
            if (w.nickname == null || w.nickname.isBlank()) errors.reject("required", key + ".nickname is required (it identifies the webhook)");
            else if (!names.add(w.nickname)) errors.reject("invalid", key + ".nickname '" + w.nickname + "' is declared twice");
            if (w.url == null || w.url.isBlank()) errors.reject("required", key + ".url is required");
            if (w.secret == null || w.secret.isBlank()) errors.reject("required", key + ".secret is required (the receiver verifies with it)");
            else if (w.secret.length() < MIN_SECRET_LENGTH) errors.reject("invalid", key + ".secret is shorter than " + MIN_SECRET_LENGTH + " characters");
            if (w.events == null || w.events.isEmpty()) errors.reject("required", key + ".events needs at least one event name, or *");
            if (!"impact".equals(w.signature) && !"standard-webhooks".equals(w.signature)) {
                errors.reject("invalid", key + ".signature must be impact or standard-webhooks");
            } else if ("standard-webhooks".equals(w.signature) && w.secret != null && !w.secret.isBlank()) {
                String problem = io.hookline.signature.StandardWebhooksVerifier.secretProblem(w.secret);
                if (problem != null) errors.reject("invalid", key + ".secret " + problem);
            }
        }
    }

    private static void validateAutomations(Automations a, Errors errors) {
        if (a.workers < 1) errors.rejectValue("automations.workers", "invalid", "must be at least 1");
        if (!positive(a.pollInterval)) errors.rejectValue("automations.pollInterval", "invalid", "must be a positive duration, e.g. 500ms");
        if (!positive(a.lease)) errors.rejectValue("automations.lease", "invalid", "must be a positive duration, e.g. 2m");
        Retry r = a.retry;
        if (r.maxAttempts < 1) errors.rejectValue("automations.retry.maxAttempts", "invalid", "must be at least 1 (1 = no retries)");
        if (!positive(r.initialDelay)) errors.rejectValue("automations.retry.initialDelay", "invalid", "must be a positive duration, e.g. 2s");
        if (!positive(r.maxDelay)) errors.rejectValue("automations.retry.maxDelay", "invalid", "must be a positive duration, e.g. 10m");
        if (r.multiplier < 1.0) errors.rejectValue("automations.retry.multiplier", "invalid", "must be 1.0 or more");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void validateSource(String name, Source s, Errors errors) {
        String key = "sources[" + name + "]";
        if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
            errors.rejectValue(key, "invalid", "source name '" + name
                    + "' must be letters, digits, '-' or '_' (it becomes the path /webhooks/" + name + ")");
        }
        if (s.provider == null) {
            errors.rejectValue(key + ".provider", "required",
                    "is required: one of " + Providers.names());
            return;
        }
        // Global errors, not field errors: Spring Boot prints a field error's rejected value (a secret).
        List<String> problems = new ArrayList<>();
        s.provider.check("hookline." + key, s.settings(), problems);
        problems.forEach(problem -> errors.reject("invalid", problem));
        for (String ip : s.getAllowedIps()) {
            if (!IpAddresses.isLiteral(ip)) {
                errors.rejectValue(key + ".allowedIps", "invalid", "'" + ip + "' is not an IP address");
            }
        }
        if (s.tolerance == null || s.tolerance.isNegative() || s.tolerance.isZero()) {
            errors.rejectValue(key + ".tolerance", "invalid", "must be a positive duration, e.g. 5m");
        }
    }

    public List<String> getRoutesLocation() { return routesLocation; }
    public void setRoutesLocation(List<String> routesLocation) { this.routesLocation = routesLocation; }
    public Plugins getPlugins() { return plugins; }
    public void setPlugins(Plugins plugins) { this.plugins = plugins; }
    public String getAdminToken() { return adminToken; }
    public void setAdminToken(String adminToken) { this.adminToken = adminToken; }
    public DataSize getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
    public List<String> getTrustedProxies() { return trustedProxies; }
    public void setTrustedProxies(List<String> trustedProxies) { this.trustedProxies = trustedProxies; }
    public Map<String, Source> getSources() { return sources; }
    public void setSources(Map<String, Source> sources) { this.sources = sources; }
    public Processing getProcessing() { return processing; }
    public Retention getRetention() { return retention; }
    public Store getStore() { return store; }
    public void setStore(Store store) { this.store = store; }
    public void setRetention(Retention retention) { this.retention = retention; }
    public void setProcessing(Processing processing) { this.processing = processing; }
    public Automations getAutomations() { return automations; }
    public void setAutomations(Automations automations) { this.automations = automations; }
    public Outbound getOutbound() { return outbound; }
    public void setOutbound(Outbound outbound) { this.outbound = outbound; }
    public Mail getMail() { return mail; }
    public void setMail(Mail mail) { this.mail = mail; }
}
