package io.hookline.inbound;

import org.springframework.test.context.TestPropertySource;

/** {@link InboundFuzzTest} against the ingest port ({@link VertxFront}). */
@TestPropertySource(properties = {IngestPortTest.ON, IngestPortTest.SERVLET, IngestPortTest.TEXT_PAYLOADS})
class IngestPortFuzzTest extends InboundFuzzTest {
}
