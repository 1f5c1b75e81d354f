package io.hookline.inbound;

import io.hookline.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps webhook bodies before Camel reads them (nothing else does for JSON): a declared
 * Content-Length over the limit is refused at once, and a chunked body is read only up to the
 * limit. The bytes read are handed on unchanged, so signatures are checked over exactly what
 * was sent.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final SourceResolver sources;
    private final InboundReadiness readiness;

    public BodyLimitFilter(SourceResolver sources, InboundReadiness readiness) {
        this.limit = sources.maxBody();
        this.sources = sources;
        this.readiness = readiness;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!readiness.accepting()) {
            notReady(response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        byte[] body = declared >= 0 ? readDeclared(request.getInputStream(), (int) declared)
                : readAtMost(request.getInputStream(), limit);
        if (body == null) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** A body of a declared length (at most the limit): read into an array of that size, no copies. */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) return Arrays.copyOf(body, read); // the client stopped early: the signature check refuses it
            read += n;
        }
        return body;
    }

    /** A chunked body: the whole stream, or null when it holds more than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) return null;
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem refusal = sources.tooLarge(request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setStatus(413);
        response.setContentType("application/json");
        // The unread rest of the body makes the connection unusable: ask the client to close it.
        response.setHeader("Connection", "close");
        response.getOutputStream().write(refusal.json());
    }

    /** Nothing was read or stored: the sender should retry, as it does for any 503. */
    private static void notReady(HttpServletResponse response) throws IOException {
        response.setStatus(503);
        response.setHeader("Retry-After", "5");
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getOutputStream().write(InboundReadiness.NOT_READY.json());
    }

    /** The request, with its body replaced by the bytes already read. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
