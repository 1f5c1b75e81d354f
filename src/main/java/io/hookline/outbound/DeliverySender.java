package io.hookline.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery attempt over HTTP (Apache HttpClient 5, pooled keep-alive connections).
 * Redirects are not followed (a 3xx is a failed attempt: a redirect could lead to an address the
 * URL policy refuses), and every connection goes through {@link UrlPolicy#dnsResolver()}, so
 * private and loopback addresses are refused at connect time too, whatever DNS answers by then.
 */
@Component
public class DeliverySender implements DisposableBean {

    /** What came back: a status (or null when there was no answer) and the error if any. */
    public record Result(Integer status, Map<String, String> headers, String body, String error, long durationMs) {
        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    static final String USER_AGENT = "Hookline-Webhooks/1.0";

    private final CloseableHttpClient client;
    private final int bodyLimit;

    public DeliverySender(OutboundProperties properties, UrlPolicy policy) {
        OutboundProperties.Outbound config = properties.outbound();
        Timeout timeout = Timeout.ofMilliseconds(config.timeout().toMillis());
        this.bodyLimit = (int) Math.min(Integer.MAX_VALUE, config.responseBodyLimit().toBytes());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(policy.dnsResolver())
                        .setMaxConnTotal(config.workers() * 2)
                        .setMaxConnPerRoute(config.workers())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent(USER_AGENT)
                .build();
    }

    public Result send(URI url, Map<String, String> headers, byte[] body) {
        long t0 = System.nanoTime();
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                Map<String, String> answered = new LinkedHashMap<>();
                for (Header h : response.getHeaders()) answered.merge(h.getName(), h.getValue(), (a, b) -> a + ", " + b);
                String text = null;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        byte[] head = in.readNBytes(bodyLimit + 1);
                        text = head.length > bodyLimit
                                ? new String(head, 0, bodyLimit, StandardCharsets.UTF_8) + "…(truncated)"
                                : new String(head, StandardCharsets.UTF_8);
                    }
                }
                return new Result(response.getCode(), answered, text, null, elapsed(t0));
            });
        } catch (IOException | RuntimeException e) {
            return new Result(null, Map.of(), null, describe(e), elapsed(t0));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private static long elapsed(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
