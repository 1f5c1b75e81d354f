package io.hookline.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin API's bearer token: {@code hookline.admin-token}, or, when that is not set, a random
 * one generated at start-up and logged once so that a newcomer can use the API at all.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] token;

    public AdminToken(AdminProperties properties) {
        String configured = properties.adminToken();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            configured = HexFormat.of().formatHex(random);
            log.warn("hookline.admin-token is not set; generated one for this run: {} "
                    + "(set hookline.admin-token to keep a stable token)", configured);
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time: the comparison's duration says nothing about how much of a guess was right. */
    public boolean matches(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
