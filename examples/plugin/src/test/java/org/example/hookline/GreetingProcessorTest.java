package org.example.hookline;

import io.hookline.processing.EventHeaders;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The processor in a real (small) Camel context, fed an event as Hookline hands it to routes. */
class GreetingProcessorTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:impact.payment.received").process(new GreetingProcessor()).to("mock:greeted");
            }
        };
    }

    @Test
    void setsTheGreetingFromTheEvent() throws Exception {
        MockEndpoint greeted = getMockEndpoint("mock:greeted");
        greeted.expectedMessageCount(1);
        greeted.expectedHeaderReceived(GreetingProcessor.GREETING,
                "Hello from the greeting plugin: impact sent payment.received about pay_30017 (event evt-1)");

        Map<String, Object> data = Map.of("paymentId", "pay_30017", "amount", 250.0);
        Map<String, Object> event = Map.of("event", Map.of("id", "evt-1", "source", "impact", "type", "payment.received"),
                "data", data, "payload", Map.of("event", "payment.received", "data", data));
        template.sendBodyAndHeaders("direct:impact.payment.received", event, Map.of(
                EventHeaders.SOURCE, "impact", EventHeaders.TYPE, "payment.received", EventHeaders.EVENT_ID, "evt-1"));

        greeted.assertIsSatisfied();
    }
}
