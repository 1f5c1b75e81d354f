package io.hookline.recipe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import io.hookline.support.TestSigner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** http-forward: the event as the sender posted it, signed, to a Zapier-like catch hook. */
class HttpForwardRecipeTest extends RecipeTestSupport {

    @Test
    void theOriginalBodyIsForwardedByteForByteSignedAndWithOneDeliveryIdAcrossARetry() {
        String app = unique("app_fwd_");
        String path = FakeApis.FORWARD_PATH + "/" + app;
        // Spacing, key order, escapes and characters beyond ASCII that a re-serialisation would change.
        String body = "{ \"event\" : \"program_application.rejected\",\n  \"name\":\"Rejected – Café\",\"version\":\"1.0\","
                + "\"timestamp\":\"2025-04-28T22:11:00Z\",\n\t\"data\": {\"reason\":\"Fonds \\u00e9puis\\u00e9s / “limits” \uD83D\uDCB8\","
                + " \"offeringApplicationId\":\"" + app + "\", \"rejectionSource\":\"sponsor\", \"amount\": 1.50}}";
        apis.failNext(path, 1, 503, "{\"status\":\"error\",\"message\":\"try later\"}");
        String id = post(body);

        JsonNode action = awaitAction(id, "rejected-forward", "done");

        assertThat(outcomes(action)).containsExactly("retry", "done");
        List<RecordedRequest> forwarded = apis.requests(r -> r.path().equals(path));
        assertThat(forwarded).extracting(RecordedRequest::status).containsExactly(503, 200);
        for (RecordedRequest r : forwarded) {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo(body.getBytes(UTF_8));
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("X-Hookline-Signature")).isEqualTo(TestSigner.hex(FakeApis.FORWARD_SECRET, body));
            assertThat(r.header("X-Hookline-Event")).isEqualTo("r-impact/program_application.rejected");
            // Nothing of the inbound request is passed on: not Impact's signature, not its delivery id.
            assertThat(r.header("X-Impact-Signature")).isNull();
            assertThat(r.header("X-Impact-Delivery-Id")).isNull();
            assertThat(r.header("Authorization")).isNull();
        }
        assertThat(forwarded.get(0).header("X-Hookline-Delivery")).isEqualTo("hookline-" + id + "-rejected-forward-0")
                .isEqualTo(forwarded.get(1).header("X-Hookline-Delivery"));
        assertThat(action.get("attempts").get(1).get("detail").asText()).isEqualTo("forwarded, HTTP 200");
    }
}
