package io.hookline.signature;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over one or more byte ranges, and a constant-time match against candidates. */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {}

    public static byte[] sign(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * True when any candidate equals the HMAC of the parts under any key. Every comparison
     * is constant-time ({@link MessageDigest#isEqual}), so timing tells nothing about how
     * close a forged signature came.
     */
    public static boolean matchesAny(List<byte[]> keys, List<byte[]> candidates, byte[]... parts) {
        boolean match = false;
        for (byte[] key : keys) {
            byte[] expected = sign(key, parts);
            for (byte[] candidate : candidates) {
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return match;
    }
}
