package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of recipes/examples work as their comments say: discord-alert (a recipe in YAML
 * only) and csv-ledger (a recipe whose work is a developer's Java processor bean).
 */
class ExampleRecipesTest extends RecipeTestSupport {

    @Test
    void theYamlExamplePostsToDiscordWithMentionsSwitchedOff() throws Exception {
        String app = unique("app_discord_");
        String event = post("program_application.rejected", Map.of("offeringApplicationId", app,
                "rejectionSource", "sponsor", "reason", "Funding limits reached"));
        JsonNode action = awaitAction(event, "rejected-to-discord", "done");
        List<RecordedRequest> sent = apis.requests(FakeApis.FORWARD_PATH + "/discord", app);
        assertThat(sent).hasSize(1);
        JsonNode body = read(sent.get(0).bodyText());
        assertThat(body.get("content").asText()).isEqualTo("@everyone Application " + app + " rejected: Funding limits reached");
        assertThat(body.get("username").asText()).isEqualTo("Hookline");
        assertThat(body.get("allowed_mentions").get("parse")).as("no mention pings anyone").isEmpty();
        assertThat(outcomes(action)).containsExactly("done");
    }

    @Test
    void theJavaExampleAppendsOneQuotedRowPerPaymentEvenWhenImpactRetries() throws Exception {
        Path ledger = Path.of("target/test-ledger/payments.csv");
        String payment = unique("pay_");
        String body = impactBody("payment.received", Map.of("paymentId", payment, "offeringApplicationId", "app_ledger",
                "amount", 250.0, "currency", "USD", "payerEmail", "=HYPERLINK(\"http://evil\"),x@example.org",
                "receivedAt", "2025-05-01T18:21:37Z"));
        String event = post(body, "ledger-" + payment);
        // Impact retries the same delivery: a duplicate, no second row.
        assertThat(webhooks.postImpact(SOURCE, body, SECRET, "ledger-" + payment).statusCode()).isEqualTo(200);
        awaitAction(event, "payments-ledger", "done");
        List<String> lines = Files.readAllLines(ledger, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("paymentId,application,amount,currency,payer");
        assertThat(lines.stream().filter(l -> l.startsWith(payment + ",")).toList()).containsExactly(
                payment + ",app_ledger,250.0,USD,\"'=HYPERLINK(\"\"http://evil\"\"),x@example.org\"");
    }
}
