package io.megapipeline.gateway;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PromptId;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The gateway's consumer starts at the end of each topic once it has its partitions: before a test
 * sends events it waits until a probe failure (for a prompt nobody lists) comes through.
 */
final class GatewayListening {

    private GatewayListening() {
    }

    /** Sends one record and waits until the broker has it. */
    static void send(KafkaCompanion kafka, String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion(Duration.ofSeconds(30));
    }

    static void await(KafkaCompanion kafka, Progress progress) throws InterruptedException {
        PromptId probe = PromptId.generate();
        CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
        Cancellable subscription = progress.stream(new Viewer(Owners.NOBODY, true)).subscribe().with(seen::add);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                send(kafka, "pipeline-failures", probe.toString(),
                        EventCodec.toJson(FailureEvent.of(probe, "probe", "input-audios/" + probe + ".wav", "probe", false)));
                for (int i = 0; i < 10; i++) {
                    if (seen.stream().anyMatch(s -> s.contains(probe.toString()))) {
                        return;
                    }
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("the gateway did not consume the probe event within 60 s");
        } finally {
            subscription.cancel();
        }
    }
}
