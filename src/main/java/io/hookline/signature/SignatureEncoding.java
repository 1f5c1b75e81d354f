package io.hookline.signature;

import java.util.Base64;
import java.util.HexFormat;

/** How a signature's bytes are written in its header. */
public enum SignatureEncoding {
    HEX {
        @Override public byte[] decode(String text) {
            return HexFormat.of().parseHex(text); // accepts upper and lower case
        }
        @Override public String encode(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    },
    BASE64 {
        @Override public byte[] decode(String text) {
            return Base64.getDecoder().decode(text);
        }
        @Override public String encode(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    };

    /** @throws IllegalArgumentException when the text is not in this encoding */
    public abstract byte[] decode(String text);

    public abstract String encode(byte[] bytes);
}
