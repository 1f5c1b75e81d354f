package io.hookline.startup;

import io.hookline.automation.AutomationLoader;
import io.hookline.outbound.DeclaredWebhooks;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelSpringBootApplicationListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Starts Camel, with every route, recipe and automation, before the web server opens its port.
 * Camel Spring Boot would start it on the context-refreshed event, after the port is open: then
 * webhooks met a missing route (404) for seconds, and a broken automation file was found only
 * after the first webhooks had been accepted. Here a mistake stops start-up with the port never
 * opened. Camel's own listener is run early with the same event; it sees Camel started when the
 * real event comes and does nothing.
 */
public class ServeWhenReady implements SmartLifecycle {

    /** Below Camel's phase (stopped after the web server) and the web server's start. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private final ApplicationContext context;
    /** Looked up, not injected: Spring starts a lifecycle bean's Lifecycle dependencies first, and Camel with them. */
    private final ObjectProvider<CamelContext> camel;
    private final CamelSpringBootApplicationListener camelStarter;
    private final DeclaredWebhooks declaredWebhooks;
    private final AutomationLoader automations;
    private volatile boolean running;

    public ServeWhenReady(ApplicationContext context, ObjectProvider<CamelContext> camel, CamelSpringBootApplicationListener camelStarter,
                          DeclaredWebhooks declaredWebhooks, AutomationLoader automations) {
        this.context = context;
        this.camel = camel;
        this.camelStarter = camelStarter;
        this.declaredWebhooks = declaredWebhooks;
        this.automations = automations;
    }

    @Override
    public void start() {
        declaredWebhooks.apply();
        camelStarter.onApplicationEvent(new ContextRefreshedEvent(context));
        CamelContext started = camel.getObject();
        started.start();
        automations.load(started);
        running = true;
    }

    @Override
    public void stop() {
        // Camel stops in its own phase, after the web server has finished the requests in flight.
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
