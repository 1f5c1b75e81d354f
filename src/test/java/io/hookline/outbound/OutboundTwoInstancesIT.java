package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.store.HooklineProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two delivery engines on one PostgreSQL database claim from the same table: every delivery is
 * sent once per attempt — none twice, none lost — whichever instance it was published through.
 * Runs when CI provides PostgreSQL (HOOKLINE_TEST_POSTGRES_URL).
 */
class OutboundTwoInstancesIT {

    private static final int EVENTS = 150;

    @TempDir
    Path temp;
    private final List<HooklineProcess> started = new ArrayList<>();
    private Receiver receiver;

    @BeforeEach
    void requirePostgres() {
        Assumptions.assumeTrue(System.getenv("HOOKLINE_TEST_POSTGRES_URL") != null,
                "set HOOKLINE_TEST_POSTGRES_URL (as .ci/run does) to run the two-instance test");
    }

    @AfterEach
    void stop() {
        started.forEach(HooklineProcess::close);
        if (receiver != null) receiver.close();
    }

    @Test
    void eachDeliveryIsSentOnceWhenTwoInstancesShareTheDatabase() throws Exception {
        receiver = new Receiver().otherwise(200);
        String event = "two_" + UUID.randomUUID().toString().substring(0, 8) + ".published";
        String nickname = "two-instances-" + UUID.randomUUID();
        Path jar = HooklineProcess.copyJar(temp);
        List<String> args = List.of(
                "--spring.datasource.url=" + System.getenv("HOOKLINE_TEST_POSTGRES_URL"),
                "--spring.datasource.username=" + System.getenv().getOrDefault("HOOKLINE_TEST_POSTGRES_USER", ""),
                "--spring.datasource.password=" + System.getenv().getOrDefault("HOOKLINE_TEST_POSTGRES_PASSWORD", ""),
                "--hookline.outbound.allow-http=true", "--hookline.outbound.allowed-networks[0]=127.0.0.1/32",
                "--hookline.outbound.poll-interval=50ms",
                "--hookline.outbound.webhooks[0].nickname=" + nickname,
                "--hookline.outbound.webhooks[0].url=" + receiver.url("/hook"),
                "--hookline.outbound.webhooks[0].events[0]=" + event,
                "--hookline.outbound.webhooks[0].secret=two-instances-secret");
        HooklineProcess a = HooklineProcess.startWith("outbound-two-a", jar, args);
        started.add(a);
        HooklineProcess b = HooklineProcess.startWith("outbound-two-b", jar, args);
        started.add(b);

        for (int i = 0; i < EVENTS; i++) {
            HooklineProcess via = i % 2 == 0 ? a : b;
            var r = via.webhooks.request("POST", "/api/events", "{\"event\": \"" + event + "\", \"data\": {\"n\": " + i + "}}",
                    HooklineProcess.TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests.size() >= EVENTS);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == EVENTS);
        Map<String, Long> perDelivery = receiver.requests.stream()
                .collect(Collectors.groupingBy(q -> q.header("X-Hookline-Delivery"), Collectors.counting()));
        assertThat(perDelivery).hasSize(EVENTS);
        assertThat(perDelivery.values()).containsOnly(1L);
    }
}
