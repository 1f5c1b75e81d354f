package io.hookline.store;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered ids in the UUID version 7 layout (RFC 9562): 48 bits of Unix milliseconds, then
 * a counter within the millisecond, then random bits. Their text sorts by creation time, so
 * the log lists newest first by id, and the store appends index entries at the end instead of
 * rewriting pages all over its unique index.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Last (millis << 12 | counter) handed out: ids from one process are strictly increasing. */
    private static final AtomicLong LAST = new AtomicLong();

    private EventIds() {}

    public static String next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long high = (millis << 16) | (0x7L << 12) | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The smallest id an event received at {@code time} can have: events received from then on
     * are {@code >=} it, earlier ones {@code <}, so a time range is a range of the primary key.
     */
    public static String floor(java.time.Instant time) {
        long high = (time.toEpochMilli() << 16) | (0x7L << 12);
        return new UUID(high, 0x8000000000000000L).toString();
    }
}
