package io.hookline.recipe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * For recipes that call with {@code throwExceptionOnFailure=false} to look at some statuses
 * themselves (HubSpot's 409): any other non-2xx answer fails the action exactly as camel-http
 * would have, so it is retried or parked by the same rules.
 */
@Component
public class RequireSuccess implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) return;
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getIn().getHeaders().forEach((k, v) -> {
            if (!k.startsWith("Camel") && v != null) headers.put(k, v.toString());
        });
        throw new HttpOperationFailedException(null, status,
                exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class), null, headers,
                exchange.getIn().getBody(String.class));
    }
}
