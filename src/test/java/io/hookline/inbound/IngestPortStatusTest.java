package io.hookline.inbound;

import org.springframework.test.context.TestPropertySource;

/** Every case of {@link InboundStatusTest}, against the ingest port ({@link VertxFront}). */
@TestPropertySource(properties = {IngestPortTest.ON, IngestPortTest.SERVLET, IngestPortTest.TEXT_PAYLOADS})
class IngestPortStatusTest extends InboundStatusTest {
}
