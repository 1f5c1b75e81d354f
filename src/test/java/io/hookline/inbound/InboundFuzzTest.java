package io.hookline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.HttpTestSupport;
import io.hookline.support.TestSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzzer over the inbound path: random bytes, truncated and deeply nested JSON, huge
 * numbers and strings, invalid UTF-8, duplicate keys, wrong content types, many headers,
 * oversized and chunked bodies — most of them correctly signed, so that they get past the
 * signature check to the parser and the catalogue. Every answer must be one of the documented
 * statuses with a JSON body, never a 5xx, and Hookline must stay healthy. The seed is printed; a
 * failure names the case, so it can be replayed with -Dhookline.fuzz.seed.
 */
class InboundFuzzTest extends HttpTestSupport {

    private static final String SECRET = "fuzz-impact-secret";
    private static final Set<Integer> DOCUMENTED = Set.of(200, 202, 400, 401, 404, 405, 413);
    private static final int CASES = Integer.getInteger("hookline.fuzz.cases", 1000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noInputMakesHooklineAnswer5xxOrUndocumentedStatuses() throws Exception {
        long seed = Long.getLong("hookline.fuzz.seed", System.nanoTime());
        System.out.println("InboundFuzzTest seed: " + seed + " (-Dhookline.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            int kind = random.nextInt(12);
            byte[] body = body(kind, random);
            boolean sign = random.nextInt(10) < 8;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/webhooks/"
                            + (random.nextInt(20) == 0 ? "nope" : "f-impact")))
                    .timeout(Duration.ofSeconds(30));
            String signature = sign ? TestSigner.hex(SECRET, new String(body, StandardCharsets.ISO_8859_1))
                    : HexFormat.of().formatHex(randomBytes(random, 32));
            // The signature is over the exact bytes: sign them as bytes, not as a re-encoded string.
            if (sign) signature = HexFormat.of().formatHex(hmac(body));
            b.header("X-Impact-Signature", signature);
            b.header("X-Impact-Delivery-Id", "fuzz-" + seed + "-" + i);
            b.header("Content-Type", switch (random.nextInt(5)) {
                case 0 -> "text/plain";
                case 1 -> "application/x-www-form-urlencoded";
                case 2 -> "application/json; charset=latin1";
                default -> "application/json";
            });
            int extraHeaders = random.nextInt(10) == 0 ? 90 : random.nextInt(3);
            for (int h = 0; h < extraHeaders; h++) b.header("X-Fuzz-" + h, Long.toHexString(random.nextLong()));
            boolean chunked = random.nextInt(4) == 0;
            HttpRequest.BodyPublisher publisher = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            String method = random.nextInt(25) == 0 ? "PUT" : "POST";
            HttpResponse<String> r = http.send(b.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            String what = "case " + i + " (kind " + kind + ", " + body.length + " bytes, signed " + sign + ", chunked "
                    + chunked + ", " + method + ", seed " + seed + ")";
            assertThat(r.statusCode()).as(what + ": " + r.body()).isIn(DOCUMENTED);
            if (r.statusCode() >= 400) {
                JsonNode answer = mapper.readTree(r.body());
                assertThat(answer.has("error") && answer.has("detail")).as(what + ": " + r.body()).isTrue();
            }
            seen.merge(r.statusCode() + (r.statusCode() >= 400 ? " " + mapper.readTree(r.body()).get("error").asText() : ""), 1, Integer::sum);
        }
        System.out.println("InboundFuzzTest answers: " + seen);
        assertThat(seen.keySet()).as("the fuzzer reached the parser and the store, not only the signature check")
                .anyMatch(k -> k.startsWith("400 invalid_json")).anyMatch(k -> k.startsWith("202"));
        assertThat(webhooks.request("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    }

    private static byte[] hmac(byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    private static byte[] body(int kind, Random random) {
        String valid = "{\"event\":\"program_application.rejected\",\"name\":\"f\",\"version\":\"1.0\","
                + "\"timestamp\":\"2025-04-28T22:11:00Z\",\"data\":{\"offeringApplicationId\":\"app_" + random.nextInt(1_000_000)
                + "\",\"rejectionSource\":\"sponsor\",\"reason\":\"r\"}}";
        return switch (kind) {
            case 0 -> randomBytes(random, random.nextInt(2_000));
            case 1 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("[".repeat(random.nextInt(5_000) + 1)).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"a\":".repeat(random.nextInt(3_000) + 1) + "1" + "}".repeat(random.nextInt(3_000))).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"event\":\"program_application.rejected\",\"data\":{\"n\":" + "9".repeat(random.nextInt(100_000) + 1) + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"event\":\"program_application.rejected\",\"data\":{\"s\":\"" + "x".repeat(random.nextInt(900_000)) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> {
                byte[] b = valid.getBytes(StandardCharsets.UTF_8);
                b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x40)); // a stray continuation byte
                yield b;
            }
            case 7 -> "{\"event\":\"program_application.rejected\",\"event\":\"payment.received\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            case 8 -> randomBytes(random, 1_048_577 + random.nextInt(100_000)); // over the 1 MiB limit
            case 9 -> ("{\"event\":\"program_application.rejected\",\"data\":{\"x\":" + random.nextDouble() + "e" + (random.nextInt(800) - 400)
                    + ",\"u\":\"\\ud800\",\"z\":\"\\u0000\"}}").getBytes(StandardCharsets.UTF_8);
            case 10 -> new byte[0];
            default -> mutate(valid.getBytes(StandardCharsets.UTF_8), random);
        };
    }

    private static byte[] mutate(byte[] b, Random random) {
        byte[] out = b.clone();
        for (int i = random.nextInt(4); i >= 0; i--) out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
