package io.hookline.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for Camel's console, whose scripts (Hawtio) call Jolokia without Spring
 * Security's CSRF token. Jolokia runs operations (stop a route) on POST and on GET alike, so every
 * request to those paths is checked, not only POSTs:
 * <ul>
 * <li>a browser's {@code Sec-Fetch-Site} must be {@code same-origin} or {@code none} (typed in the
 * address bar): a request started by another site, or by a sibling sub-domain, is refused (403);</li>
 * <li>an {@code Origin} header, when sent, must be this server's own origin.</li>
 * </ul>
 * The session cookie is SameSite=Strict as well, so a cross-site request does not even carry it; this
 * check also covers same-site origins and browsers without SameSite. A client that sends neither
 * header is not a browser acting for someone else and still needs the session.
 */
class SameOriginOnly extends OncePerRequestFilter {

    private final RequestMatcher paths;

    SameOriginOnly(RequestMatcher paths) {
        this.paths = paths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !paths.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        boolean siteOk = site == null || site.equals("same-origin") || site.equals("none");
        boolean originOk = origin == null || origin.equalsIgnoreCase(ownOrigin(request));
        if (!siteOk || !originOk) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Camel's console answers only to its own pages");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
