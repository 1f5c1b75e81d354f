package io.hookline.automation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The automations in force, once the files have been read (events wait for that). */
@Component
public class AutomationRegistry {

    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile List<Automation> automations = List.of();
    private volatile Recipes recipes;

    void set(List<Automation> all, Recipes recipes) {
        automations = List.copyOf(all);
        this.recipes = recipes;
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

    /** The recipes Camel loaded, by id (empty until start-up has read them). */
    public Map<String, Recipe> recipes() {
        Recipes r = recipes;
        return r == null ? Map.of() : r.all();
    }

    public Optional<Automation> find(String name) {
        return automations.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
