package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.QueueMissingException;
import dev.conveyor.engine.queue.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The benchmark's model of Azure Storage Queues behaves as the queue service does where the engine relies on it. */
class AzureQueueModelTest {

    private final StorageOperations operations = new StorageOperations();
    private final AzureQueueModel queues = new AzureQueueModel(operations);

    @Test
    void aReceivedMessageIsLeasedAndOnlyItsLatestPopReceiptDeletesIt() {
        queues.createQueue("q");
        queues.send("q", "hello", Duration.ZERO);

        ReceivedMessage first = queues.receive("q", 32, Duration.ofSeconds(30)).getFirst();
        assertThat(first.body()).isEqualTo("hello");
        assertThat(first.dequeueCount()).isEqualTo(1);
        assertThat(queues.receive("q", 32, Duration.ofSeconds(30))).as("leased, so invisible").isEmpty();

        String renewed = queues.extendLease("q", first.messageId(), first.popReceipt(), Duration.ZERO);
        assertThatThrownBy(() -> queues.delete("q", first.messageId(), first.popReceipt()))
                .isInstanceOf(LeaseLostException.class);
        ReceivedMessage again = queues.receive("q", 32, Duration.ofSeconds(30)).getFirst();
        assertThat(again.popReceipt()).isNotIn(first.popReceipt(), renewed);
        assertThat(again.dequeueCount()).isEqualTo(2);

        queues.delete("q", again.messageId(), again.popReceipt());
        assertThat(queues.approximateDepth("q")).isZero();
        assertThat(operations.byKind()).containsEntry("send", 1L).containsEntry("receive", 3L)
                .containsEntry("update", 1L).containsEntry("delete", 2L);
    }

    @Test
    void aMessageSentWithInitialVisibilityStaysHiddenAndAMissingQueueSaysSo() {
        queues.createQueue("q");
        queues.send("q", "later", Duration.ofMinutes(5));

        assertThat(queues.receive("q", 32, Duration.ofSeconds(30))).isEmpty();
        assertThat(queues.approximateDepth("q")).isEqualTo(1);
        assertThatThrownBy(() -> queues.receive("gone", 1, Duration.ofSeconds(30)))
                .isInstanceOf(QueueMissingException.class);
    }

    @Test
    void sendingFasterThanAQueuesTargetIsAnsweredWithServerBusyAndEveryTryIsCounted() {
        queues.createQueue("q");
        int messages = 3_000;
        AtomicInteger failed = new AtomicInteger();
        java.util.Set<String> reasons = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < messages; i++) {
                senders.execute(() -> {
                    try {
                        queues.send("q", "m", Duration.ZERO);
                    } catch (AzureQueueModel.ServerBusyException e) {
                        reasons.add(e.getMessage());
                        failed.incrementAndGet();
                    }
                });
            }
        }

        // 3,000 sends within well under a second: more than the one second's worth a queue's target allows
        assertThat(queues.throttled()).isPositive();
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).contains("503 Server Busy", "2000 msg/s per queue"));
        assertThat(queues.approximateDepth("q")).isEqualTo(messages - failed.get());
        assertThat(operations.byKind().get("send")).isEqualTo(messages + queues.throttled() - failed.get());
    }

    @Test
    void receivingTakesAtMostTheBatchAskedFor() {
        queues.createQueue("q");
        for (int i = 0; i < 40; i++) {
            queues.send("q", "m" + i, Duration.ZERO);
        }
        List<ReceivedMessage> batch = queues.receive("q", 32, Duration.ofSeconds(30));
        assertThat(batch).hasSize(32);
        assertThat(queues.receive("q", 32, Duration.ofSeconds(30))).hasSize(8);
    }
}
