package io.hookline.api;

import io.hookline.problem.Problem;
import jakarta.servlet.FilterChain;
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

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    /** Health (with its liveness and readiness groups) stays open for probes and load balancers. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
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
