package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.store.HooklineProcess;
import io.hookline.support.TestSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries live in the store: the packaged jar, killed with SIGKILL while its deliveries wait for
 * their retry, sends each of them again after the restart — once, with the same delivery id and
 * a valid signature — and none is lost.
 */
class OutboundRestartIT {

    private static final String SECRET = "it-outbound-secret";
    private static final int EVENTS = 10;

    @TempDir
    Path temp;
    private HooklineProcess first;
    private HooklineProcess second;
    private Receiver receiver;

    @AfterEach
    void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void aRestartInTheMiddleOfARetryScheduleLosesNothingAndSendsNothingTwice() throws Exception {
        receiver = new Receiver().otherwise(500);
        String event = "it_" + UUID.randomUUID().toString().substring(0, 8) + ".published";
        List<String> args = List.of(
                "--hookline.outbound.allow-http=true", "--hookline.outbound.allowed-networks[0]=127.0.0.1/32",
                "--hookline.outbound.retry.initial-delay=4s", "--hookline.outbound.retry.jitter=0",
                "--hookline.outbound.webhooks[0].nickname=restart-it",
                "--hookline.outbound.webhooks[0].url=" + receiver.url("/hook"),
                "--hookline.outbound.webhooks[0].events[0]=" + event,
                "--hookline.outbound.webhooks[0].secret=" + SECRET);
        Path jar = HooklineProcess.copyJar(temp);
        Path db = temp.resolve("db");
        first = HooklineProcess.start("outbound-restart-1", jar, db, args);
        for (int i = 0; i < EVENTS; i++) {
            var r = first.webhooks.request("POST", "/api/events", "{\"event\": \"" + event + "\", \"data\": {\"n\": " + i + "}}",
                    HooklineProcess.TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() == EVENTS);
        first.kill();
        receiver.otherwise(200);

        second = HooklineProcess.start("outbound-restart-2", jar, db, args);
        // At their scheduled time (4 s after the failure), not when the deliveries' lease (1 min) runs out:
        // each failed attempt's outcome, retry time included, reached the file before the kill.
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() >= 2 * EVENTS);
        // Let a wrongly repeated send show itself.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 2 * EVENTS);

        Map<String, Long> perDelivery = receiver.requests.stream()
                .collect(Collectors.groupingBy(q -> q.header("X-Hookline-Delivery"), Collectors.counting()));
        assertThat(perDelivery).hasSize(EVENTS);
        assertThat(perDelivery.values()).as("one failed attempt and one retry each").containsOnly(2L);
        for (Receiver.Request q : receiver.requests) {
            assertThat(q.header("X-Impact-Signature")).isEqualTo(TestSigner.hex(SECRET, q.body()));
        }
        Map<String, List<Receiver.Request>> byId = receiver.requests.stream()
                .collect(Collectors.groupingBy(q -> q.header("X-Hookline-Delivery")));
        byId.values().forEach(pair -> assertThat(pair.get(1).body()).isEqualTo(pair.get(0).body()));
        assertThat(receiver.requests.stream().map(Receiver.Request::body).distinct().count()).isEqualTo(EVENTS);
    }
}
