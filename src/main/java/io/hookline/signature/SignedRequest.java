package io.hookline.signature;

import java.util.function.Function;

/**
 * What a verifier may look at: the request headers (case-insensitive lookup), the exact raw
 * body bytes as they arrived, and the sender's address as the gateway determined it.
 */
public record SignedRequest(Function<String, String> headers, byte[] body, String senderAddress) {

    /** The header's value, or null when absent. */
    public String header(String name) {
        return headers.apply(name);
    }
}
