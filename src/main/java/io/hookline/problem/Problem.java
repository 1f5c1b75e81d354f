package io.hookline.problem;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Hookline refuses, wherever it comes in (a webhook, the admin API, a webhook
 * registration): an HTTP status, a short machine-readable {@code error} (e.g.
 * {@code invalid_signature}; also a metric tag) and a {@code detail} the caller can act on. The
 * detail is shown to the caller: never a secret, a signature or a stack trace. Rendered in one
 * way only: {@code {"error": …, "detail": …}}.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String error;

    public Problem(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    /** The answer's body, for a JSON writer (Spring MVC, Jackson). */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", getMessage());
        return body;
    }

    /** The same body as UTF-8 bytes, for the servlet filters that answer before any framework runs. */
    public byte[] json() {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        return ("{\"error\":\"" + new String(quote.quoteAsString(error)) + "\",\"detail\":\""
                + new String(quote.quoteAsString(getMessage())) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
