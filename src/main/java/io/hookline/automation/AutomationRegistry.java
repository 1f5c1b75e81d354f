package io.hookline.automation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The automations in force, once the files have been read (events wait for that). */
@Component
public class AutomationRegistry {

    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile List<Automation> automations = List.of();

    void set(List<Automation> all) {
        automations = List.copyOf(all);
        loaded.countDown();
    }

    /** All automations, waiting up to {@code wait} for start-up to load them. */
    public List<Automation> all(Duration wait) {
        try {
            if (!loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("automations are not loaded yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the automations", e);
        }
        return automations;
    }

    public List<Automation> all() {
        return automations;
    }

    public Optional<Automation> find(String name) {
        return automations.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
