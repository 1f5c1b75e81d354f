package io.hookline.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** What the gateway learns about one request as it goes, step by step (see {@link InboundGateway}). */
public class InboundRequest {

    final Instant receivedAt;
    InboundSource source;
    byte[] body;
    String senderAddress;
    JsonNode json;
    String text;
    String type;
    String deliveryId;
    List<String> violations = List.of();

    InboundRequest(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    public InboundSource source() { return source; }
    public String type() { return type; }
    public String deliveryId() { return deliveryId; }
    public List<String> violations() { return violations; }
}
