package io.hookline.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text kept in a binary column, deflated: an event's payload as received (migration V11,
 * {@code hookline.store.compress-payloads}). A JSON body of ~1 KB deflates to about half, and
 * the payload is most of an event's bytes in the store.
 *
 * <p>The first byte says how the rest is kept, so that a later format can sit next to this one:
 * {@link #DEFLATE}, the text's UTF-8 length (4 bytes) then raw DEFLATE data; or {@link #PLAIN},
 * the UTF-8 bytes as they are (text that deflate would not make smaller).
 */
final class PackedText {

    static final byte PLAIN = 0;
    static final byte DEFLATE = 1;
    private static final int HEADER = 5;
    private static final int MAX_RATIO = 1_100;

    /**
     * Deflaters are reused (each holds ~256 KiB of native memory, freed only by {@code end}), and
     * only as many are kept as threads can use them at once.
     */
    private static final BlockingQueue<Deflater> IDLE = new ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());

    private PackedText() {
    }

    static byte[] pack(String text) {
        byte[] raw = text.getBytes(UTF_8);
        byte[] out = new byte[HEADER + raw.length];
        Deflater deflater = IDLE.poll();
        if (deflater == null) deflater = new Deflater(Deflater.BEST_SPEED, true); // the fastest level: ~7 µs per KB
        try {
            deflater.setInput(raw);
            deflater.finish();
            int n = deflater.deflate(out, HEADER, raw.length);
            if (deflater.finished() && n < raw.length) {
                out[0] = DEFLATE;
                ByteBuffer.wrap(out, 1, 4).putInt(raw.length);
                return Arrays.copyOf(out, HEADER + n);
            }
        } finally {
            deflater.reset();
            if (!IDLE.offer(deflater)) deflater.end();
        }
        byte[] plain = new byte[1 + raw.length];
        plain[0] = PLAIN;
        System.arraycopy(raw, 0, plain, 1, raw.length);
        return plain;
    }

    static String unpack(byte[] packed) {
        if (packed.length == 0) throw damaged("it is empty");
        if (packed[0] == PLAIN) return new String(packed, 1, packed.length - 1, UTF_8);
        if (packed[0] != DEFLATE) throw damaged("its format " + packed[0] + " is unknown to this version of Hookline");
        if (packed.length < HEADER) throw damaged("it is cut short");
        int length = ByteBuffer.wrap(packed, 1, 4).getInt();
        // DEFLATE expands at most ~1,032 times: a larger length is damage, not a reason to allocate it.
        if (length < 0 || length > (packed.length - HEADER) * (long) MAX_RATIO) {
            throw damaged("its length " + length + " cannot come from " + (packed.length - HEADER) + " deflated bytes");
        }
        byte[] raw = new byte[length];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(packed, HEADER, packed.length - HEADER);
            int n = inflater.inflate(raw);
            if (n != length || !inflater.finished()) throw damaged("it inflates to " + n + " bytes, not " + length);
        } catch (DataFormatException e) {
            throw damaged(e.getMessage());
        } finally {
            inflater.end();
        }
        return new String(raw, UTF_8);
    }

    private static IllegalStateException damaged(String why) {
        return new IllegalStateException("A stored payload cannot be read: " + why);
    }
}
