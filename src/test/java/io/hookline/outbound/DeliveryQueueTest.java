package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.store.Delivery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries claimed from the store go ahead of new deliveries; new ones are bounded, all or none per publish. */
class DeliveryQueueTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static DeliveryQueue.Task task(String id, String webhook, boolean handedOver) {
        return new DeliveryQueue.Task(new Delivery(id, "m", webhook, "e", Delivery.PENDING, 0, NOW, null, NOW, NOW, 0),
                "{}", handedOver, NOW.plusSeconds(60));
    }

    @Test
    void aClaimedRetryIsTakenBeforeNewDeliveriesQueuedEarlier() throws Exception {
        DeliveryQueue q = new DeliveryQueue(10);
        assertThat(q.reserve(3)).isTrue();
        q.addNew(List.of(task("n1", "w", true), task("n2", "w", true), task("n3", "w", true)));
        q.addDue(task("retry", "w", false));
        assertThat(q.take(10).delivery().id()).isEqualTo("retry");
        assertThat(q.take(10).delivery().id()).isEqualTo("n1");
        assertThat(q.dueInFlight()).as("the retry is still being attempted").isEqualTo(1);
    }

    @Test
    void newDeliveriesAreReservedAllOrNoneAndFreedWhenDone() throws Exception {
        DeliveryQueue q = new DeliveryQueue(4);
        assertThat(q.reserve(3)).isTrue();
        assertThat(q.reserve(2)).as("3 + 2 > 4: left to the store").isFalse();
        assertThat(q.reserve(1)).isTrue();
        q.unreserve(1);
        q.addNew(List.of(task("a", "w", true), task("b", "w", true), task("c", "w", true)));
        DeliveryQueue.Task a = q.take(10);
        assertThat(q.reserve(2)).isFalse();
        q.done(a);
        assertThat(q.reserve(2)).isTrue();
    }

    @Test
    void theQueuedDeliveriesOfADisabledWebhookAreDropped() throws Exception {
        DeliveryQueue q = new DeliveryQueue(10);
        q.reserve(3);
        q.addNew(List.of(task("a", "off", true), task("b", "on", true), task("c", "off", true)));
        q.addDue(task("d", "off", false));
        assertThat(q.removeWebhook("off")).isEqualTo(3);
        assertThat(q.dueInFlight()).isZero();
        assertThat(q.take(10).delivery().id()).isEqualTo("b");
        assertThat(q.take(10)).isNull();
        assertThat(q.reserve(9)).as("the dropped ones gave their room back").isTrue();
    }
}
