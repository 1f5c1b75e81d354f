package io.hookline.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the tests that talk HTTP to the running application: its port, a client, a JSON mapper. */
@HooklineTest
public abstract class HttpTestSupport {

    @LocalServerPort
    protected int port;

    protected final ObjectMapper mapper = new ObjectMapper();
    protected Webhooks webhooks;

    @BeforeEach
    void client() {
        webhooks = new Webhooks(port);
    }
}
