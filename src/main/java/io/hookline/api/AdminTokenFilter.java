package io.hookline.api;

import io.hookline.problem.Problem;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every /api/** call, and every actuator endpoint but health, needs
 * {@code Authorization: Bearer <admin token>}; otherwise 401 in JSON.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** Where the console serves Hawtio (io.hookline.console.CamelConsole), behind its own sign-in. */
    private static final String CAMEL_CONSOLE = "/console/camel/";

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    /**
     * Health (with its liveness and readiness groups) stays open for probes and load balancers.
     * Camel's console (Hawtio) forwards its {@code /console/camel/jolokia/*} calls to
     * {@code /actuator/jolokia}: that forward was let in by the console's sign-in (a session), so it
     * is not asked for the Bearer token again. Only a server-side forward has that attribute.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getDispatcherType() == DispatcherType.FORWARD
                && request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) instanceof String from
                && from.startsWith(request.getContextPath() + CAMEL_CONSOLE)) {
            return true;
        }
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        if (!token.matches(presented)) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"hookline\"");
            response.setContentType("application/json");
            String detail = presented == null ? "send Authorization: Bearer <hookline.admin-token>"
                    : "the bearer token is not the admin token";
            response.getOutputStream().write(new Problem(401, "unauthorized", detail).json());
            return;
        }
        chain.doFilter(request, response);
    }
}
