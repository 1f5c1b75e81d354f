package io.hookline.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What the inbound route learns about one request as it goes, step by step; carried as the
 * exchange property {@value #PROPERTY}.
 */
public class InboundRequest {

    public static final String PROPERTY = "HooklineInbound";

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
