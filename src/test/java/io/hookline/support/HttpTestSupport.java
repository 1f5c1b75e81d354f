package io.hookline.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.inbound.VertxFront;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the tests that talk HTTP to the running application: its port, a client, a JSON mapper. */
@HooklineTest
public abstract class HttpTestSupport {

    @LocalServerPort
    protected int port;

    /** Where webhooks go: the ingest port when the test's context has one, else {@link #port}. */
    protected int ingestPort;

    @Autowired(required = false)
    private VertxFront ingest;

    protected final ObjectMapper mapper = new ObjectMapper();
    protected Webhooks webhooks;

    @BeforeEach
    void client() {
        ingestPort = ingest == null ? port : ingest.port();
        webhooks = new Webhooks(port, ingestPort);
    }
}
