package io.hookline;

import io.hookline.api.AdminToken;
import io.hookline.api.AdminTokenFilter;
import io.hookline.inbound.BodyLimitFilter;
import io.hookline.inbound.InboundMetrics;
import io.hookline.inbound.InboundSources;
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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Where subscriber URLs may point (private networks only when allowed in configuration). */
    @Bean
    io.hookline.outbound.UrlPolicy urlPolicy(HooklineProperties properties) {
        return new io.hookline.outbound.UrlPolicy(properties.getOutbound().getAllowedNetworks(),
                properties.getOutbound().isAllowHttp());
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HooklineProperties properties, InboundSources sources,
                                                            InboundMetrics metrics) {
        var registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties.getMaxBodySize().toBytes(), sources, metrics));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
        var registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
