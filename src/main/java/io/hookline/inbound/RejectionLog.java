package io.hookline.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.stereotype.Component;

/**
 * Refused requests of the last 24 hours, per source and reason, in hourly buckets, for the
 * console's overview. Kept in memory on purpose: a flood of forged requests must not turn into
 * a flood of writes. Counts start again when the instance restarts (the Prometheus counter
 * {@code hookline.webhooks.rejected} keeps the long-term series).
 */
@Component
public class RejectionLog {

    static final int HOURS = 24;

    /** Counts by hour-of-epoch modulo {@value #HOURS}; {@code hours} says which hour each slot holds. */
    private record Buckets(AtomicLongArray counts, AtomicLongArray hours) {
        Buckets() {
            this(new AtomicLongArray(HOURS), new AtomicLongArray(HOURS));
        }
    }

    /** One source's and reason's refusals in the window, and when the last one happened. */
    public record Count(String source, String reason, long count, Instant last) {
    }

    private final Clock clock;
    private final Map<String, Map<String, Buckets>> bySource = new ConcurrentHashMap<>();
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public RejectionLog(Clock clock) {
        this.clock = clock;
    }

    void record(String source, String reason) {
        Instant now = clock.instant();
        long hour = now.getEpochSecond() / 3600;
        Buckets b = bySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new Buckets());
        int slot = (int) (hour % HOURS);
        long held = b.hours().get(slot);
        // A slot still holding an older hour starts again; a lost race loses one count, not the window.
        if (held != hour && b.hours().compareAndSet(slot, held, hour)) b.counts().set(slot, 0);
        b.counts().incrementAndGet(slot);
        last.put(source + '\u0000' + reason, now);
    }

    /** The last 24 hours, most refusals first. */
    public List<Count> lastDay() {
        long hour = clock.instant().getEpochSecond() / 3600;
        List<Count> out = new ArrayList<>();
        bySource.forEach((source, reasons) -> reasons.forEach((reason, b) -> {
            long total = 0;
            for (int i = 0; i < HOURS; i++) {
                if (hour - b.hours().get(i) < HOURS) total += b.counts().get(i);
            }
            Instant when = last.get(source + '\u0000' + reason);
            if (total > 0 && when != null && when.isAfter(clock.instant().minus(Duration.ofHours(HOURS)))) {
                out.add(new Count(source, reason, total, when));
            }
        }));
        out.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::source));
        return out;
    }
}
