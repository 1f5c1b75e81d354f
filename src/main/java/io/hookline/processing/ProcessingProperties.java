package io.hookline.processing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hookline.processing}: the asynchronous processing of stored events.
 *
 * @param processing Asynchronous processing of stored events.
 */
@ConfigurationProperties("hookline")
@Validated
public record ProcessingProperties(@DefaultValue @Valid Processing processing) {

    /**
     * @param workers          Threads that hand stored events to the Camel routes.
     * @param endpoint         Camel endpoint every event is sent to (DispatchRoute, in io.hookline.automation).
     * @param lease            How long an instance owns an accepted event it has not finished; after that, any
     *                         instance's recovery sweep takes it over (e.g. after a crash).
     * @param recoveryInterval How often to look for accepted events whose lease ran out.
     */
    public record Processing(
            @DefaultValue("2") @Min(value = 1, message = "must be at least 1") int workers,
            @DefaultValue("direct:hookline-events") String endpoint,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("5s") Duration recoveryInterval) {
    }

    public int workers() { return processing.workers(); }
    public String endpoint() { return processing.endpoint(); }
    public Duration lease() { return processing.lease(); }
    public Duration recoveryInterval() { return processing.recoveryInterval(); }
}
