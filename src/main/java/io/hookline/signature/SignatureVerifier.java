package io.hookline.signature;

/** Proves that a request came from the configured sender, or says why not. */
public interface SignatureVerifier {

    /** @throws SignatureException when the request is not proven to come from the sender */
    void verify(SignedRequest request) throws SignatureException;
}
