package io.hookline.console;

import io.hookline.api.AdminToken;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in for the console: the admin token typed once on {@code /console/login}, then a session
 * cookie (HttpOnly, SameSite=Strict, expiring: {@code server.servlet.session.*}); every
 * state-changing request carries Spring Security's CSRF token. Only {@code /console/**} passes
 * through Spring Security: the webhook ingest path and the JSON API (Bearer token,
 * {@link io.hookline.api.AdminTokenFilter}) never meet its filters.
 */
@Configuration(proxyBeanMethods = false)
// Not in `bin/hookline check` (no web server there).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleSecurity {

    /** Pages run no inline script or style; frames only for the console's own Camel view. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Camel's console (Hawtio, {@link CamelConsole}) and its Jolokia forward. */
    static final RequestMatcher CAMEL = PathPatternRequestMatcher.withDefaults().matcher(CamelConsole.PATH + "/**");
    static final RequestMatcher JOLOKIA = PathPatternRequestMatcher.withDefaults().matcher(CamelConsole.PATH + "/jolokia/**");

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http,
            @Value("${" + CamelConsoleEnvironment.ENABLED + ":false}") boolean camelConsole) throws Exception {
        // Only Hawtio's own paths, and only when it runs: /console/camel itself is Hookline's page
        // (CamelConsolePage) when Hawtio is off, or Hawtio's redirect to /console/camel/.
        RequestMatcher hawtio = request -> camelConsole
                && request.getRequestURI().startsWith(request.getContextPath() + CamelConsole.PATH + "/");
        http.securityMatcher("/console/**")
                // Hawtio's scripts post to Jolokia without Spring Security's CSRF token: its paths
                // take a same-origin check instead (SameOriginOnly), before anything else runs.
                .addFilterBefore(new SameOriginOnly(CAMEL), CsrfFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(CAMEL))
                // Jolokia is called by scripts: not signed in is a 401, not a redirect to the login page.
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirst()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/console/login")
                        .loginProcessingUrl("/console/login")
                        .passwordParameter("token")
                        .defaultSuccessUrl("/console", false)
                        .failureUrl("/console/login?error"))
                .logout(out -> out
                        .logoutUrl("/console/logout")
                        .logoutSuccessUrl("/console/login?signedOut")
                        .deleteCookies("HOOKLINE_CONSOLE"))
                .headers(headers -> headers
                        // Hookline's pages: the strict policy. Hawtio's: its own (ResponseHeadersFilter:
                        // scripts only from 'self', inline styles allowed, frame-ancestors 'none').
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(hawtio),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Not signed in: the login page, except for Jolokia's scripted calls (401). */
    private static AuthenticationEntryPoint signInFirst() {
        var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
        entryPoints.put(JOLOKIA, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        var entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/console/login"));
        return entryPoint;
    }

    /** The admin token is the only credential; the comparison is constant-time ({@link AdminToken#matches}). */
    @Bean
    AuthenticationProvider adminTokenAuthentication(AdminToken token) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                Object presented = attempt.getCredentials();
                if (!(presented instanceof String text) || !token.matches(text.trim())) {
                    throw new BadCredentialsException("that is not the admin token");
                }
                return UsernamePasswordAuthenticationToken.authenticated("admin", null,
                        AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    /**
     * Spring Boot maps Spring Security's filter to every path; Hookline maps it to the console
     * only ({@code SecurityFilterAutoConfiguration}'s registration), so the hot webhook path keeps its own filters and no firewall of Spring Security's
     * rewrites what a sender posted.
     */
    @Bean
    static BeanPostProcessor consoleOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)) {
                    registration.setUrlPatterns(List.of("/console/*"));
                }
                return bean;
            }
        };
    }
}
