package io.hookline.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.store.Delivery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retries claimed from the store go ahead of new deliveries; new ones are bounded, all or none per publish
 * (was DeliveryQueueTest: the queue is now the job engine's, with deliveries as its jobs).
 */
class JobQueueTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static JobQueue.Task<Delivery> task(String id, String webhook, boolean handedOver) {
        return new JobQueue.Task<>(new Delivery(id, "m", webhook, "e", Delivery.PENDING, 0, NOW, null, NOW, NOW, 0),
                handedOver, NOW.plusSeconds(60));
    }

    @Test
    void aClaimedRetryIsTakenBeforeNewDeliveriesQueuedEarlier() throws Exception {
        JobQueue<Delivery> q = new JobQueue<>(10);
        assertThat(q.reserve(3)).isTrue();
        q.addNew(List.of(task("n1", "w", true), task("n2", "w", true), task("n3", "w", true)));
        q.addDue(task("retry", "w", false));
        assertThat(q.take(10).job().id()).isEqualTo("retry");
        assertThat(q.take(10).job().id()).isEqualTo("n1");
        assertThat(q.dueInFlight()).as("the retry is still being attempted").isEqualTo(1);
    }

    @Test
    void newDeliveriesAreReservedAllOrNoneAndFreedWhenDone() throws Exception {
        JobQueue<Delivery> q = new JobQueue<>(4);
        assertThat(q.reserve(3)).isTrue();
        assertThat(q.reserve(2)).as("3 + 2 > 4: left to the store").isFalse();
        assertThat(q.reserve(1)).isTrue();
        q.unreserve(1);
        q.addNew(List.of(task("a", "w", true), task("b", "w", true), task("c", "w", true)));
        JobQueue.Task<Delivery> a = q.take(10);
        assertThat(q.reserve(2)).isFalse();
        q.done(a);
        assertThat(q.reserve(2)).isTrue();
    }

    @Test
    void theQueuedDeliveriesOfADisabledWebhookAreDropped() throws Exception {
        JobQueue<Delivery> q = new JobQueue<>(10);
        q.reserve(3);
        q.addNew(List.of(task("a", "off", true), task("b", "on", true), task("c", "off", true)));
        q.addDue(task("d", "off", false));
        assertThat(q.remove(d -> d.webhookId().equals("off"))).hasSize(3);
        assertThat(q.dueInFlight()).isZero();
        assertThat(q.take(10).job().id()).isEqualTo("b");
        assertThat(q.take(10)).isNull();
        assertThat(q.reserve(9)).as("the dropped ones gave their room back").isTrue();
    }
}
