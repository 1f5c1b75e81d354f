package io.hookline.provider;

import io.hookline.signature.SignatureEncoding;
import java.time.Duration;
import java.util.List;

/**
 * What one configured source says about its sender (hookline.sources.&lt;name&gt;.*); null means
 * "the provider's default". The provider turns it into a verifier and checks it.
 */
public record SourceSettings(List<String> secrets, String signatureHeader, SignatureEncoding signatureEncoding,
                             String signaturePrefix, String deliveryIdHeader, List<String> allowedIps, Duration tolerance) {

    public SourceSettings {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }
}
