package io.hookline.console;

import io.hawt.springboot.EndpointPathResolver;
import io.hawt.web.ServletHelpers;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletPath;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel's own console, Hawtio, served at {@code /console/camel} inside the console, so the
 * console's sign-in, session and headers ({@link ConsoleSecurity}) guard every one of its paths.
 *
 * <p>Hawtio registers itself as the actuator endpoint {@code hawtio}; everything it serves (its
 * page, scripts, its Jolokia forward, its servlets) is placed by one bean,
 * {@link EndpointPathResolver}, which Hawtio declares {@code @ConditionalOnMissingBean}. Ours
 * answers {@code /console/camel} for Hawtio and the usual actuator path for everything else, so
 * Hawtio's {@code /console/camel/jolokia/*} is forwarded to the Jolokia endpoint
 * {@code /actuator/jolokia}, which itself keeps the admin Bearer token
 * ({@link io.hookline.api.AdminTokenFilter}).
 *
 * <p>With actuator on its own port ({@code management.server.port}) Hawtio's servlets and filters
 * live in the management server (a {@code @ManagementContextConfiguration}), where only the Bearer
 * token is accepted: a browser cannot sign in there, so Hawtio stays closed, and
 * {@code /console/camel} on the main port says why ({@link CamelConsolePage}).
 */
@Configuration(proxyBeanMethods = false)
// Not in `bin/hookline check` (no web server there).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(CamelConsoleEnvironment.ENABLED)
class CamelConsole {

    static final String PATH = "/console/camel";

    @Bean
    EndpointPathResolver hawtioEndpointPathResolver(WebEndpointProperties endpoints, ServerProperties server,
            ManagementServerProperties management, DispatcherServletPath dispatcherServlet) {
        return new EndpointPathResolver(endpoints, server, management, dispatcherServlet) {
            @Override
            public String resolve(String endpoint) {
                return "hawtio".equals(endpoint) ? PATH : super.resolve(endpoint);
            }

            @Override
            public String resolveUrlMapping(String endpoint, String... mappings) {
                return "hawtio".equals(endpoint) ? ServletHelpers.webContextPath(PATH, mappings)
                        : super.resolveUrlMapping(endpoint, mappings);
            }
        };
    }
}
