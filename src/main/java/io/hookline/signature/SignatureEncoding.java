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
            byte[] bytes = Base64.getDecoder().decode(text);
            // The JDK's decoder also takes text without padding or with non-zero trailing bits. The
            // reference libraries compare the encoded text, so only the canonical encoding of the
            // bytes is that signature: anything else would pass here and fail there.
            if (!encode(bytes).equals(text)) {
                throw new IllegalArgumentException("not the canonical (padded, standard) base64 of its bytes");
            }
            return bytes;
        }
        @Override public String encode(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    };

    /**
     * @throws IllegalArgumentException when the text is not in this encoding: hex in either case,
     *         base64 only as the canonical encoding (standard alphabet, padded)
     */
    public abstract byte[] decode(String text);

    public abstract String encode(byte[] bytes);
}
