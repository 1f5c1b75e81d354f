package io.hookline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Hookline: receives, verifies and stores platform webhooks, then hands them to Camel routes.
 * {@code @SpringBootApplication} spelled out, to keep management-port configuration (which
 * belongs to actuator's own context) out of the component scan. Spring's Mustache views are left
 * out: Hookline uses Mustache (jmustache) only for automation templates, never for web pages.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = ManagementContextConfiguration.class)})
@ConfigurationPropertiesScan
public class HooklineApplication {
    public static void main(String[] args) {
        CheckOnly.runOrStart(args);
    }
}
