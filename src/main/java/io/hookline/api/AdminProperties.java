package io.hookline.api;

import io.hookline.provider.Provider;
import io.hookline.validation.Checked;
import io.hookline.validation.Checks;
import io.hookline.validation.SelfChecked;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.admin-token}.
 *
 * @param adminToken Bearer token for the admin API (/api/**). When empty, one is generated at start-up and logged once.
 */
@ConfigurationProperties("hookline")
@Validated
@Checked
public record AdminProperties(String adminToken) implements SelfChecked {

    /** Shortest admin token accepted (128 bits of a random hex or base64 value), as for signing secrets. */
    public static final int MIN_TOKEN_LENGTH = Provider.MIN_SECRET_LENGTH;

    /** Never the token. */
    @Override
    public String toString() {
        return "AdminProperties[adminToken=" + (adminToken == null || adminToken.isBlank() ? "unset" : "set") + "]";
    }

    @Override
    public void check(Checks checks) {
        // A global problem: a field's would print the token.
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_TOKEN_LENGTH) {
            checks.global("hookline.admin-token is shorter than " + MIN_TOKEN_LENGTH
                    + " characters; use a long random value (e.g. openssl rand -hex 24), or leave it unset to have one generated");
        }
    }
}
