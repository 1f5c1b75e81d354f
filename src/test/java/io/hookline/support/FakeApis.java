package io.hookline.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One JDK HTTP server on 127.0.0.1 standing in for the partners the recipes call: HubSpot
 * (CRM v3 contacts and deals), Slack (an incoming webhook and chat.postMessage), Stripe
 * (Checkout Sessions) and a Zapier-like catch hook. Each accepts only the request the real
 * API expects — method, path, bearer token, content type, body fields — and answers 400 (or
 * the API's own error) with the reason otherwise, so a recipe that sends something else fails
 * its test. Every request is recorded; failures can be scripted per path.
 */
public final class FakeApis implements AutoCloseable {

    public static final String HUBSPOT_TOKEN = "pat-na1-0f1e2d3c-hookline-test-token";
    public static final String SLACK_BOT_TOKEN = "xoxb-1111-2222-HooklineTestBotToken";
    public static final String SLACK_WEBHOOK_PATH = "/slack/hooks/services/T0HOOKLINE/B0IMPACT/hkWebhookSecret42";
    public static final String SLACK_CHANNEL = "#impact-alerts";
    public static final String SLACK_CHANNEL_ID = "C0IMPACT01";
    public static final String STRIPE_SECRET_KEY = "sk_test_51HooklineTestSecretKey0123456789";
    public static final String FORWARD_PATH = "/zapier/hooks/catch/1234567/abcdefg";
    public static final String FORWARD_SECRET = "forward-signing-secret-8c1d";
    /** HubSpot owners (advisors) the fake knows. */
    public static final Set<String> HUBSPOT_OWNERS = Set.of("31415926", "27182818");
    private static final Set<String> DEAL_STAGES = Set.of("appointmentscheduled", "qualifiedtobuy",
            "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
    private static final Set<String> CONTACT_PROPERTIES = Set.of("email", "firstname", "lastname", "phone",
            "hubspot_owner_id", "company", "website");
    private static final Set<String> DEAL_PROPERTIES = Set.of("dealname", "pipeline", "dealstage", "hubspot_owner_id",
            "amount", "closedate");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRIPE_FIELD = Pattern.compile("mode|success_url|cancel_url|client_reference_id|customer_email"
            + "|metadata\\[[A-Za-z0-9_]{1,40}]|line_items\\[0]\\[(quantity|price_data\\]\\[(currency|unit_amount|product_data\\]\\[name))]");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Scripted> scripts = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);

    /** HubSpot: contacts by lower-case email, deals by id. */
    private final Map<String, ObjectNode> contacts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> deals = new ConcurrentHashMap<>();
    /** Stripe: the first answer to each Idempotency-Key, and the body it was for. */
    private final Map<String, Answer> idempotentAnswers = new ConcurrentHashMap<>();
    private final Map<String, String> idempotentBodies = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();

    private FakeApis(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeApis start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-apis");
            t.setDaemon(true);
            return t;
        });
        FakeApis apis = new FakeApis(server, executor);
        server.createContext("/", apis::handle);
        server.setExecutor(executor);
        server.start();
        return apis;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- what the tests read and script ------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Requests to a path (decoded, without the query) whose body contains {@code text}. */
    public List<RecordedRequest> requests(String path, String text) {
        return requests(r -> r.path().equals(path) && r.bodyText().contains(text));
    }

    /**
     * The next {@code times} requests to {@code path} whose body contains {@code bodyContains}
     * (any body when null) are answered {@code status} with these headers and body, whatever they are.
     */
    public void failNext(String path, String bodyContains, int times, int status, String body, Map<String, String> headers) {
        synchronized (scripts) {
            scripts.add(new Scripted(path, bodyContains, times, new Answer(status, "application/json", body, headers)));
        }
    }

    public void failNext(String path, int times, int status, String body, Map<String, String> headers) {
        failNext(path, null, times, status, body, headers);
    }

    public void failNext(String path, int times, int status, String body) {
        failNext(path, null, times, status, body, Map.of());
    }

    /** Creates a HubSpot contact as if it had existed before; answers its id. */
    public String existingContact(String email, String firstName) {
        ObjectNode c = contact(nextId(), mapper.createObjectNode().put("email", email).put("firstname", firstName));
        contacts.put(email.toLowerCase(Locale.ROOT), c);
        return c.get("id").asText();
    }

    /** The HubSpot contact with this email (its id and properties), or null. */
    public JsonNode contact(String email) {
        return contacts.get(email.toLowerCase(Locale.ROOT));
    }

    public JsonNode deal(String id) {
        return deals.get(id);
    }

    /** The Stripe Checkout Sessions created (not replayed) with this client_reference_id. */
    public List<JsonNode> sessionsFor(String reference) {
        return sessions.values().stream().filter(s -> reference.equals(s.path("client_reference_id").asText()))
                .map(JsonNode.class::cast).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- dispatch ----------------------------------------------------------------------------

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    private static final class Scripted {
        final String path;
        final String bodyContains;
        int remaining;
        final Answer answer;

        Scripted(String path, String bodyContains, int remaining, Answer answer) {
            this.path = path;
            this.bodyContains = bodyContains;
            this.remaining = remaining;
            this.answer = answer;
        }
    }

    /** A request being answered. */
    private record Req(String method, String path, String query, HttpExchange http, byte[] body) {
        String header(String name) {
            return http.getRequestHeaders().getFirst(name);
        }
    }

    /** Thrown to answer with an error. */
    private static final class Refused extends RuntimeException {
        final Answer answer;

        Refused(Answer answer) {
            super(answer.body, null, false, false);
            this.answer = answer;
        }
    }

    private void handle(HttpExchange http) throws IOException {
        Answer answer;
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = http.getRequestURI();
        Req req = new Req(http.getRequestMethod(), uri.getPath(), uri.getRawQuery(), http, body);
        try {
            Answer scripted = scripted(req.path, new String(body, UTF_8));
            answer = scripted != null ? scripted : route(req);
        } catch (Refused r) {
            answer = r.answer;
        } catch (RuntimeException e) {
            answer = new Answer(500, "text/plain", "fake API bug: " + e);
        }
        requests.add(new RecordedRequest(Instant.now(), req.method, req.path, uri.getRawPath(), req.query,
                Map.copyOf(http.getRequestHeaders()), body, answer.status, answer.body));
        byte[] out = answer.body.getBytes(UTF_8);
        http.getResponseHeaders().set("Content-Type", answer.contentType);
        answer.headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
        http.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) http.getResponseBody().write(out);
        http.close();
    }

    private Answer scripted(String path, String body) {
        synchronized (scripts) {
            for (Iterator<Scripted> i = scripts.iterator(); i.hasNext(); ) {
                Scripted s = i.next();
                if (!s.path.equals(path) || (s.bodyContains != null && !body.contains(s.bodyContains))) continue;
                s.remaining--;
                if (s.remaining <= 0) i.remove();
                return s.answer;
            }
        }
        return null;
    }

    private Answer route(Req r) {
        if (r.path.startsWith("/hubspot/")) return hubspot(r);
        if (r.path.startsWith("/slack/hooks/")) return slackWebhook(r);
        if (r.path.startsWith("/slack/api/")) return slackApi(r);
        if (r.path.startsWith("/stripe/")) return stripe(r);
        if (r.path.equals(FORWARD_PATH) || r.path.startsWith(FORWARD_PATH + "/")) return catchHook(r);
        return new Answer(404, "text/plain", "no fake API at " + r.path);
    }

    // --- HubSpot CRM v3 ----------------------------------------------------------------------

    private Answer hubspot(Req r) {
        if (!("Bearer " + HUBSPOT_TOKEN).equals(r.header("Authorization"))) {
            return hubspotError(401, "INVALID_AUTHENTICATION",
                    "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
        }
        String sub = r.path.substring("/hubspot".length());
        String contactsPath = "/crm/v3/objects/contacts";
        if (sub.equals(contactsPath) && r.method.equals("POST")) {
            requireNoQuery(r);
            ObjectNode props = hubspotProperties(r, CONTACT_PROPERTIES);
            String email = props.path("email").asText("");
            if (!EMAIL.matcher(email).matches()) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "Property values were not valid: email '" + email + "' is invalid");
            }
            ObjectNode existing = contacts.get(email.toLowerCase(Locale.ROOT));
            if (existing != null) {
                return hubspotError(409, "CONFLICT", "Contact already exists. Existing ID: " + existing.get("id").asText());
            }
            ObjectNode c = contact(nextId(), props);
            contacts.put(email.toLowerCase(Locale.ROOT), c);
            return json(201, c);
        }
        if (sub.startsWith(contactsPath + "/") && r.method.equals("PATCH")) {
            if (!"idProperty=email".equals(r.query)) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "expected the query idProperty=email, got " + r.query);
            }
            String email = sub.substring(contactsPath.length() + 1);
            ObjectNode c = contacts.get(email.toLowerCase(Locale.ROOT));
            if (c == null) return hubspotError(404, "OBJECT_NOT_FOUND", "resource not found: contact " + email);
            ObjectNode props = hubspotProperties(r, CONTACT_PROPERTIES);
            if (props.has("email") && !props.get("email").asText().equalsIgnoreCase(email)) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "the email property differs from the contact's email");
            }
            ((ObjectNode) c.get("properties")).setAll(props);
            c.put("updatedAt", Instant.now().toString());
            return json(200, c);
        }
        if (sub.equals("/crm/v3/objects/deals") && r.method.equals("POST")) {
            requireNoQuery(r);
            ObjectNode props = hubspotProperties(r, DEAL_PROPERTIES);
            if (props.path("dealname").asText("").isBlank()) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "Property dealname is required");
            }
            if (!"default".equals(props.path("pipeline").asText("default"))) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "unknown pipeline " + props.get("pipeline"));
            }
            if (!DEAL_STAGES.contains(props.path("dealstage").asText())) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "dealstage " + props.get("dealstage") + " is not a stage of the pipeline");
            }
            if (props.has("hubspot_owner_id") && !HUBSPOT_OWNERS.contains(props.get("hubspot_owner_id").asText())) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "hubspot_owner_id " + props.get("hubspot_owner_id") + " is not an owner");
            }
            if (props.has("amount") && !props.get("amount").asText().matches("[0-9]+(\\.[0-9]+)?")) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "amount " + props.get("amount") + " is not a number");
            }
            JsonNode body = readJson(r);
            for (JsonNode a : body.path("associations")) {
                String to = a.path("to").path("id").asText("");
                if (contacts.values().stream().noneMatch(c -> c.get("id").asText().equals(to))) {
                    throw hubspotRefusal(400, "VALIDATION_ERROR", "association to unknown contact id '" + to + "'");
                }
                JsonNode types = a.path("types");
                if (types.size() != 1 || !"HUBSPOT_DEFINED".equals(types.get(0).path("associationCategory").asText())
                        || types.get(0).path("associationTypeId").asInt() != 3) {
                    throw hubspotRefusal(400, "VALIDATION_ERROR", "deal-to-contact associations are HUBSPOT_DEFINED type 3, not " + types);
                }
            }
            ObjectNode deal = mapper.createObjectNode();
            deal.put("id", nextId());
            deal.set("properties", props);
            deal.set("associations", body.path("associations"));
            deal.put("createdAt", Instant.now().toString());
            deal.put("archived", false);
            deals.put(deal.get("id").asText(), deal);
            return json(201, deal);
        }
        return hubspotError(404, "OBJECT_NOT_FOUND", "no " + r.method + " " + r.path);
    }

    private ObjectNode contact(String id, ObjectNode props) {
        ObjectNode c = mapper.createObjectNode();
        c.put("id", id);
        c.set("properties", props.deepCopy());
        c.put("createdAt", Instant.now().toString());
        c.put("updatedAt", Instant.now().toString());
        c.put("archived", false);
        return c;
    }

    /** {"properties": {name: "text", ...}} with only known property names. */
    private ObjectNode hubspotProperties(Req r, Set<String> known) {
        requireContentType(r, "application/json");
        JsonNode body = readJson(r);
        if (!(body.get("properties") instanceof ObjectNode props)) {
            throw hubspotRefusal(400, "VALIDATION_ERROR", "Invalid input JSON: expected an object 'properties'");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("properties") && !name.equals("associations")) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "Invalid input JSON: unknown field '" + name + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> i = props.fields(); i.hasNext(); ) {
            Map.Entry<String, JsonNode> p = i.next();
            if (!known.contains(p.getKey())) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "Property \"" + p.getKey() + "\" does not exist");
            }
            if (!p.getValue().isTextual() && !p.getValue().isNumber()) {
                throw hubspotRefusal(400, "VALIDATION_ERROR", "Property \"" + p.getKey() + "\" must be a string");
            }
        }
        return props.deepCopy();
    }

    private Answer hubspotError(int status, String category, String message) {
        ObjectNode e = mapper.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
        return json(status, e);
    }

    private Refused hubspotRefusal(int status, String category, String message) {
        return new Refused(hubspotError(status, category, message));
    }

    // --- Slack -------------------------------------------------------------------------------

    /** An incoming webhook: 200 "ok", or Slack's plain-text errors. */
    private Answer slackWebhook(Req r) {
        if (!r.path.equals(SLACK_WEBHOOK_PATH)) return new Answer(404, "text/html", "no_service");
        if (!r.method.equals("POST")) return new Answer(405, "text/html", "invalid_method");
        requireContentType(r, "application/json");
        JsonNode body = readJson(r);
        if (!body.isObject()) return new Answer(400, "text/html", "invalid_payload");
        if (body.path("text").asText("").isBlank() && !body.path("blocks").isArray()) return new Answer(400, "text/html", "no_text");
        return new Answer(200, "text/html", "ok");
    }

    /** The Web API: errors are 200 {"ok": false, "error": ...}, as Slack answers them. */
    private Answer slackApi(Req r) {
        if (!r.path.equals("/slack/api/chat.postMessage")) return new Answer(404, "application/json", "{\"ok\":false,\"error\":\"unknown_method\"}");
        String auth = r.header("Authorization");
        if (auth == null) return slackError("not_authed");
        if (!auth.equals("Bearer " + SLACK_BOT_TOKEN)) return slackError("invalid_auth");
        requireContentType(r, "application/json");
        JsonNode body = readJson(r);
        String channel = body.path("channel").asText("");
        if (!channel.equals(SLACK_CHANNEL) && !channel.equals(SLACK_CHANNEL_ID)) return slackError("channel_not_found");
        if (body.path("text").asText("").isBlank() && !body.path("blocks").isArray()) return slackError("no_text");
        String ts = Instant.now().getEpochSecond() + "." + String.format("%06d", ids.incrementAndGet() % 1_000_000);
        ObjectNode ok = mapper.createObjectNode().put("ok", true).put("channel", SLACK_CHANNEL_ID).put("ts", ts);
        ok.putObject("message").put("type", "message").put("text", body.path("text").asText()).put("ts", ts);
        return json(200, ok);
    }

    private Answer slackError(String error) {
        return new Answer(200, "application/json", "{\"ok\":false,\"error\":\"" + error + "\"}");
    }

    // --- Stripe ------------------------------------------------------------------------------

    private Answer stripe(Req r) {
        if (!("Bearer " + STRIPE_SECRET_KEY).equals(r.header("Authorization"))) {
            return stripeError(401, null, "Invalid API Key provided");
        }
        if (!r.path.equals("/stripe/v1/checkout/sessions") || !r.method.equals("POST")) {
            return stripeError(404, null, "Unrecognized request URL (" + r.method + ": " + r.path + ")");
        }
        requireNoQuery(r);
        String key = r.header("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 255) {
            // Stripe does not require one; this fake does, as every recipe call must be idempotent.
            throw new Refused(stripeError(400, "Idempotency-Key", "the fake Stripe requires an Idempotency-Key header"));
        }
        String text = utf8(r);
        synchronized (idempotentAnswers) {
            Answer first = idempotentAnswers.get(key);
            if (first != null) {
                if (!idempotentBodies.get(key).equals(text)) {
                    return new Answer(400, "application/json", "{\"error\":{\"type\":\"idempotency_error\",\"message\":"
                            + "\"Keys for idempotent requests can only be used with the same parameters they were first used with.\"}}");
                }
                return new Answer(first.status, first.contentType, first.body, Map.of("Idempotent-Replayed", "true"));
            }
            Answer answer;
            try {
                answer = createSession(r, text);
            } catch (Refused e) {
                answer = e.answer;
            }
            idempotentAnswers.put(key, answer);
            idempotentBodies.put(key, text);
            return answer;
        }
    }

    private Answer createSession(Req r, String text) {
        requireContentType(r, "application/x-www-form-urlencoded");
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new Refused(stripeError(400, pair, "Invalid form field: '" + pair + "'"));
            String name = URLDecoder.decode(pair.substring(0, eq), UTF_8);
            if (!STRIPE_FIELD.matcher(name).matches()) throw new Refused(stripeError(400, name, "Received unknown parameter: " + name));
            if (form.put(name, URLDecoder.decode(pair.substring(eq + 1), UTF_8)) != null) {
                throw new Refused(stripeError(400, name, "Received the parameter twice: " + name));
            }
        }
        String mode = form.get("mode");
        if (!"payment".equals(mode)) throw new Refused(stripeError(400, "mode", "Invalid mode: " + mode + " (expected payment)"));
        String currency = form.getOrDefault("line_items[0][price_data][currency]", "");
        if (!currency.matches("[a-z]{3}")) throw new Refused(stripeError(400, "line_items[0][price_data][currency]", "Invalid currency: " + currency));
        String amount = form.getOrDefault("line_items[0][price_data][unit_amount]", "");
        if (!amount.matches("[0-9]{1,12}")) throw new Refused(stripeError(400, "line_items[0][price_data][unit_amount]", "Invalid integer: " + amount));
        if (!form.getOrDefault("line_items[0][quantity]", "").matches("[1-9][0-9]*")) {
            throw new Refused(stripeError(400, "line_items[0][quantity]", "Invalid quantity"));
        }
        if (form.getOrDefault("line_items[0][price_data][product_data][name]", "").isBlank()) {
            throw new Refused(stripeError(400, "line_items[0][price_data][product_data][name]", "Missing required param: name"));
        }
        for (String url : List.of("success_url", "cancel_url")) {
            if (!form.getOrDefault(url, "").matches("https?://[^\\s]+")) {
                throw new Refused(stripeError(400, url, "Not a valid URL: " + form.get(url)));
            }
        }
        if (form.containsKey("customer_email") && !EMAIL.matcher(form.get("customer_email")).matches()) {
            throw new Refused(stripeError(400, "customer_email", "Invalid email address: " + form.get("customer_email")));
        }
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode s = mapper.createObjectNode();
        s.put("id", id);
        s.put("object", "checkout.session");
        s.put("mode", mode);
        s.put("status", "open");
        s.put("payment_status", "unpaid");
        s.put("amount_total", Long.parseLong(amount) * Long.parseLong(form.get("line_items[0][quantity]")));
        s.put("currency", currency);
        s.put("client_reference_id", form.get("client_reference_id"));
        s.put("customer_email", form.get("customer_email"));
        s.put("success_url", form.get("success_url"));
        s.put("cancel_url", form.get("cancel_url"));
        ObjectNode metadata = s.putObject("metadata");
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[")) metadata.put(k.substring(9, k.length() - 1), v);
        });
        s.put("url", "https://checkout.stripe.com/c/pay/" + id + "#fidkdWxOYHwnPyd1blpxYHZxWjA0");
        sessions.put(id, s);
        return json(200, s);
    }

    private Answer stripeError(int status, String param, String message) {
        ObjectNode e = mapper.createObjectNode();
        ObjectNode inner = e.putObject("error").put("type", "invalid_request_error").put("message", message);
        if (param != null) inner.put("param", param);
        return json(status, e);
    }

    // --- a Zapier-like catch hook ------------------------------------------------------------

    private Answer catchHook(Req r) {
        if (!r.method.equals("POST")) return new Answer(405, "text/plain", "method not allowed");
        requireContentType(r, "application/json");
        readJson(r);
        String id = UUID.randomUUID().toString();
        return new Answer(200, "application/json",
                "{\"attempt\":\"" + id + "\",\"id\":\"" + id + "\",\"request_id\":\"" + id + "\",\"status\":\"success\"}");
    }

    // --- shared checks -----------------------------------------------------------------------

    private void requireContentType(Req r, String expected) {
        String value = r.header("Content-Type");
        if (value == null) throw new Refused(new Answer(400, "text/plain", "no Content-Type; expected " + expected));
        String[] parts = value.split(";");
        if (!parts[0].trim().equalsIgnoreCase(expected)) {
            throw new Refused(new Answer(415, "text/plain", "Content-Type " + value + "; expected " + expected));
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.equals("charset=utf-8")) {
                throw new Refused(new Answer(415, "text/plain", "charset " + p + "; the API reads UTF-8"));
            }
        }
    }

    private static void requireNoQuery(Req r) {
        if (r.query != null) throw new Refused(new Answer(400, "text/plain", "unexpected query string: " + r.query));
    }

    /** The body as strict UTF-8: text sent in another charset is refused, not guessed. */
    private static String utf8(Req r) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(r.body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(new Answer(400, "text/plain", "the body is not valid UTF-8"));
        }
    }

    private JsonNode readJson(Req r) {
        String text = utf8(r);
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) throw new IOException("empty body");
            return node;
        } catch (IOException e) {
            throw new Refused(new Answer(400, "text/plain", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, "application/json", mapper.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nextId() {
        return String.valueOf(ids.incrementAndGet());
    }
}
