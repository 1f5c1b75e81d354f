package io.hookline.inbound;

import io.hookline.provider.Provider;
import io.hookline.signature.SignatureVerifier;

/**
 * A configured sender, ready to use: its name (the path segment), its provider profile, how
 * its requests are verified, and where its delivery id and signature live.
 */
public record InboundSource(String name, Provider provider, SignatureVerifier verifier,
                            String signatureHeader, String deliveryIdHeader) {
}
