package io.hookline.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Scheduled executors for Hookline's background chores: daemon threads, all named alike, so they never hold up an exit. */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    public static ScheduledExecutorService of(String threadName, int threads) {
        return Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
