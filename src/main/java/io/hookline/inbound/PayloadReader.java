package io.hookline.inbound;

import io.hookline.provider.Provider;
import io.hookline.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Parses the verified body as one JSON object (strict UTF-8, no duplicate keys, nothing
 * after it) and finds the event type and the delivery id.
 *
 * <p>The type and the delivery id are where the source's provider says
 * ({@link io.hookline.provider.Provider}); without a delivery id, {@code delivery_id} or
 * {@code deliveryId} in the body, else the SHA-256 of the raw body, so that an identical re-send
 * is still recognised.
 */
@Component
public class PayloadReader {

    private static final int MAX_ID = 300;

    private final ObjectReader reader;

    public PayloadReader(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    void read(InboundRequest r, WebhookRequest http) {
        if (r.body.length == 0) {
            throw new Problem(400, "invalid_json", "the body is empty; a JSON object was expected");
        }
        r.text = strictUtf8(r.body);
        try {
            r.json = reader.readTree(r.text);
        } catch (JsonProcessingException e) {
            throw new Problem(400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (r.json == null || !r.json.isObject()) {
            throw new Problem(400, "invalid_json", "the body must be a JSON object");
        }
        r.type = r.source.provider().type(r.json, http::header);
        r.deliveryId = deliveryIdOf(r, http);
    }

    private static String strictUtf8(byte[] body) {
        // Fast path: the JDK's decoder replaces every malformed sequence with U+FFFD, so a result
        // without one came from valid UTF-8. Only a body with U+FFFD takes the strict decoder.
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) return text;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(400, "invalid_json", "the body is not valid UTF-8");
        }
    }

    private static String deliveryIdOf(InboundRequest r, WebhookRequest http) {
        String id = r.source.provider().deliveryId(r.json, http::header, r.source.deliveryIdHeader());
        if (isBlank(id)) id = firstNonBlank(Provider.text(r.json, "delivery_id"), Provider.text(r.json, "deliveryId"));
        if (isBlank(id) || id.trim().length() > MAX_ID) {
            return "sha256:" + sha256(isBlank(id) ? r.body : id.getBytes(StandardCharsets.UTF_8));
        }
        return id.trim();
    }

    private static String firstNonBlank(String a, String b) {
        return !isBlank(a) ? a.trim() : b;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
