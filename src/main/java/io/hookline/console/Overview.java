package io.hookline.console;

import io.hookline.inbound.RejectionLog;
import io.hookline.store.EventStatus;
import io.hookline.store.EventStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the overview shows, computed from the store's grouped counts: per source, the last day's
 * events by status, its refusals by reason and when it last sent; and a bar per hour.
 */
/** {@code countedAt}: when the store's counts were made (refusals are always current). */
public record Overview(List<SourceRow> sources, List<Bar> chart, long busiestHour, Instant countedAt) {

    /** One source's last 24 hours. */
    public record SourceRow(String name, String provider, Map<EventStatus, Long> counts, Instant lastEvent,
                     List<RejectionLog.Count> rejections) {
        public long count(String status) {
            return counts.getOrDefault(EventStatus.of(status), 0L);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long rejected() {
            return rejections.stream().mapToLong(RejectionLog.Count::count).sum();
        }

        /** Refused more often than accepted: a secret or signature setting is likely wrong. */
        public boolean failing() {
            return rejected() > 0 && rejected() >= total();
        }
    }

    /** One hour's bar, in the SVG's coordinates (100 high). */
    public record Bar(int x, int y, int height, Instant hour, long count) {
    }

    static final int HOURS = 24;
    static final int BAR_WIDTH = 10;

    /**
     * @param configured the configured sources, name to provider id, in configuration order
     * @param counts     the store's per source and status counts since {@code since}
     * @param perHour    events per hour since {@code since}
     * @param rejections the refusals of the last day
     */
    static Overview of(Map<String, String> configured, Collection<EventStore.SourceCount> counts,
                       SortedMap<Instant, Long> perHour, List<RejectionLog.Count> rejections, Instant now,
                       Instant countedAt) {
        Map<String, SourceRow> rows = new LinkedHashMap<>();
        configured.forEach((name, provider) -> rows.put(name, row(name, provider)));
        for (EventStore.SourceCount c : counts) {
            // A source no longer configured still shows what it sent (published events have their own source).
            SourceRow row = rows.computeIfAbsent(c.source(), n -> row(n, null));
            row.counts().merge(c.status(), c.count(), Long::sum);
            if (row.lastEvent() == null || (c.last() != null && c.last().isAfter(row.lastEvent()))) {
                rows.put(row.name(), new SourceRow(row.name(), row.provider(), row.counts(), c.last(), row.rejections()));
            }
        }
        for (RejectionLog.Count r : rejections) {
            rows.computeIfAbsent(r.source(), n -> row(n, null)).rejections().add(r);
        }
        return new Overview(new ArrayList<>(rows.values()), bars(perHour, now), perHour.values().stream()
                .mapToLong(Long::longValue).max().orElse(0), countedAt);
    }

    private static SourceRow row(String name, String provider) {
        return new SourceRow(name, provider, new EnumMap<>(EventStatus.class), null, new ArrayList<>());
    }

    private static List<Bar> bars(SortedMap<Instant, Long> perHour, Instant now) {
        long max = Math.max(1, perHour.values().stream().mapToLong(Long::longValue).max().orElse(1));
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS - 1, ChronoUnit.HOURS);
        List<Bar> bars = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            Instant hour = first.plus(i, ChronoUnit.HOURS);
            long count = perHour.getOrDefault(hour, 0L);
            int height = count == 0 ? 0 : (int) Math.max(2, Math.round(100.0 * count / max));
            bars.add(new Bar(i * BAR_WIDTH, 100 - height, height, hour, count));
        }
        return bars;
    }
}
