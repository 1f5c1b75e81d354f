package io.hookline.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes the JSON answer of the inbound route. */
final class Responses {
    private Responses() {}

    /**
     * Replaces every header first: Camel would otherwise echo the request's headers, the
     * signature among them, back to the sender.
     */
    static void json(Exchange exchange, ObjectMapper mapper, int status, Map<String, Object> body) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            m.setBody(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
