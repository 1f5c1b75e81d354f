package io.hookline;

import io.hookline.api.AdminToken;
import io.hookline.api.AdminTokenFilter;
import io.hookline.inbound.BodyLimitFilter;
import io.hookline.inbound.InboundReadiness;
import io.hookline.inbound.SourceResolver;
import io.hookline.store.FlushingDataSource;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The few beans that are not components of their own: the data source wrapper, the clock, the URL policy and the servlet filters. */
@Configuration(proxyBeanMethods = false)
public class HooklineConfiguration {

    /** Every write is in the database file before its call returns (H2): see DurableCommits. */
    @Bean
    static BeanPostProcessor flushingDataSource() {
        return FlushingDataSource.postProcessor();
    }

    /** A ${VARIABLE} that is not set stops start-up before any bean reads it. */
    @Bean
    static io.hookline.config.UnresolvedPlaceholders unresolvedPlaceholders() {
        return new io.hookline.config.UnresolvedPlaceholders();
    }

    /** Components of hookline.plugins.scan-packages (jars in plugins/). */
    @Bean
    static io.hookline.startup.PluginScan pluginScan() {
        return new io.hookline.startup.PluginScan();
    }

    /** The routes and recipes, found and checked while the context is built (before any port opens). */
    @Bean
    io.hookline.config.RouteFiles routeFiles(io.hookline.startup.StartupProperties startup,
            io.hookline.automation.AutomationProperties automations) {
        return io.hookline.config.RouteFiles.resolve(startup.routesLocation(),
                automations.automations().recipesLocation());
    }

    @Bean
    io.hookline.startup.RouteLoading routeLoading(io.hookline.config.RouteFiles files) {
        return new io.hookline.startup.RouteLoading(files);
    }

    @Bean
    io.hookline.startup.ServeWhenReady serveWhenReady(org.springframework.context.ApplicationContext context,
            org.springframework.beans.factory.ObjectProvider<org.apache.camel.CamelContext> camel,
            org.apache.camel.spring.boot.CamelSpringBootApplicationListener camelStarter,
            io.hookline.outbound.DeclaredWebhooks declaredWebhooks, io.hookline.automation.AutomationLoader automations) {
        return new io.hookline.startup.ServeWhenReady(context, camel, camelStarter, declaredWebhooks, automations);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Where subscriber URLs may point (private networks only when allowed in configuration). */
    @Bean
    io.hookline.outbound.UrlPolicy urlPolicy(io.hookline.outbound.OutboundProperties properties) {
        return new io.hookline.outbound.UrlPolicy(properties.outbound().allowedNetworks(),
                properties.outbound().allowHttp());
    }

    @Bean
    FilterRegistrationBean<jakarta.servlet.Filter> bodyLimitFilter(io.hookline.inbound.InboundProperties properties,
                                                                   SourceResolver sources,
                                                                   InboundReadiness readiness) {
        // With an ingest port (VertxFront), server.port only says where webhooks go.
        var registration = new FilterRegistrationBean<jakarta.servlet.Filter>(properties.inbound().port() != null
                ? new io.hookline.inbound.IngestPortOnly()
                : new BodyLimitFilter(sources, readiness));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
        var registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        // Actuator too (metrics, Prometheus), except health, which probes and load balancers read.
        registration.addUrlPatterns("/api/*", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
