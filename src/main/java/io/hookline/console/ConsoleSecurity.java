package io.hookline.console;

import io.hookline.api.AdminToken;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in for the console: the admin token typed once on {@code /console/login}, then a session
 * cookie (HttpOnly, SameSite=Strict, expiring: {@code server.servlet.session.*}); every
 * state-changing request carries Spring Security's CSRF token. Only {@code /console/**} passes
 * through Spring Security: the webhook ingest path and the JSON API (Bearer token,
 * {@link io.hookline.api.AdminTokenFilter}) never meet its filters.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

    /** Pages run no inline script or style; frames only for the console's own Camel view. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/console/**")
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
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
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
