package io.hookline.console;

import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.console}: the web console at /console.
 *
 * @param console The web console.
 */
@ConfigurationProperties("hookline")
@Validated
public record ConsoleProperties(@DefaultValue @Valid Console console) {

    /**
     * @param countsMaxAge How old the last day's counts on the overview and sources pages may be: counting
     *                     means reading every event of the day, so a page shows the last count and starts a new
     *                     one in the background when it is older than this (0s: count on every page view).
     * @param camel        Camel's own console, Hawtio (see {@link CamelConsoleEnvironment}).
     */
    public record Console(@DefaultValue("15s") Duration countsMaxAge, @DefaultValue Camel camel) {
    }

    /** @param enabled Camel's console (Hawtio) at /console/camel, behind the console's sign-in. */
    public record Camel(@DefaultValue("false") boolean enabled) {
    }

    public Duration countsMaxAge() {
        return console.countsMaxAge();
    }
}
