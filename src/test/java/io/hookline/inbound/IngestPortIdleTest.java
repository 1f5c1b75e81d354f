package io.hookline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.support.HttpTestSupport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The ingest port closes a connection that sends nothing ({@code hookline.inbound.idle-timeout}):
 * a port open to the internet must not keep silent connections for ever.
 */
@TestPropertySource(properties = {IngestPortTest.ON, IngestPortTest.SERVLET, IngestPortTest.TEXT_PAYLOADS, "hookline.inbound.idle-timeout=1s"})
class IngestPortIdleTest extends HttpTestSupport {

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ingestPort), 5_000);
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            // Nothing sent: the server closes (end of stream) after the idle timeout, well before ours.
            assertThat(in.read()).isEqualTo(-1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("closed after %d ms", millis).isBetween(500L, 8_000L);
        }
    }
}
