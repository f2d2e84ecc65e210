package io.megapipeline.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.megapipeline.core.store.ObjectStore;

/**
 * The least a hop can cost on this machine: the stack's own broker and store doing what a stage does around
 * its engine (an event published with acks=all and consumed, the output's stat beside the input's read, the
 * output written), driven from this process with the stages' ObjectStore and Kafka client and no engine,
 * messaging framework or other prompt in the way. Hops are spaced out as in a prompt at low load, so every one starts
 * on idle processes. The pipeline's overhead can only approach this floor, not go below it.
 */
final class HopFloor {

    /** Milliseconds, p50 over the hops: the parts of one hop and the whole. */
    record Figures(int hops, double publish, double delivery, double stat, double read, double writeText,
            double writeWav, double hop) {
    }

    private static final String TOPIC = "bench-hop-floor";
    private static final String PREFIX = "bench-hop-floor/";
    private static final Duration SPACING = Duration.ofMillis(150);

    private HopFloor() {
    }

    /**
     * @param bootstrap the broker; {@code store} the S3 endpoint; {@code textBytes} and {@code wavBytes} the size of
     *        a text output and of an audio output
     */
    static Figures measure(String bootstrap, String store, int hops, int textBytes, int wavBytes) throws Exception {
        ObjectStore objects = new ObjectStore(new StackStore(store));
        byte[] text = new byte[textBytes];
        byte[] wav = new byte[wavBytes];
        objects.put(PREFIX + "input.txt", text, "text/plain");
        List<Double> publish = new ArrayList<>();
        List<Double> delivery = new ArrayList<>();
        List<Double> stat = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> writeText = new ArrayList<>();
        List<Double> writeWav = new ArrayList<>();
        List<Double> hop = new ArrayList<>();
        ExecutorService statter = Executors.newSingleThreadExecutor();
        BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer(bootstrap));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumer(bootstrap))) {
            producer.send(new ProducerRecord<>(TOPIC, "create", "")).get(); // creates the topic
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread polling = new Thread(() -> {
                try {
                    while (true) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                            received.add(System.nanoTime());
                        }
                    }
                } catch (WakeupException e) {
                    // measured enough
                }
            }, "hop-floor-consumer");
            polling.setDaemon(true);
            polling.start();
            int warmUp = hops / 4; // the first hops of this JVM run its code cold
            for (int i = 0; i < warmUp + hops; i++) {
                String output = PREFIX + "output-" + i + ".txt";
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, "prompt-" + i, "{\"hop\":" + i + "}")).get();
                long acked = System.nanoTime();
                Long taken = received.poll(10, TimeUnit.SECONDS);
                if (taken == null) {
                    throw new IllegalStateException("the hop floor's event did not come back from the broker");
                }
                Future<Long> statted = statter.submit(() -> {
                    objects.stat(output);
                    return System.nanoTime();
                });
                objects.get(PREFIX + "input.txt");
                long readDone = System.nanoTime();
                long statDone = statted.get();
                objects.put(output, text, "text/plain");
                long written = System.nanoTime();
                objects.put(PREFIX + "output-" + i + ".wav", wav, "audio/wav");
                long wavWritten = System.nanoTime();
                if (i >= warmUp) {
                    publish.add(ms(start, acked));
                    delivery.add(ms(start, taken));
                    stat.add(ms(taken, statDone));
                    read.add(ms(taken, readDone));
                    writeText.add(ms(Math.max(readDone, statDone), written));
                    writeWav.add(ms(written, wavWritten));
                    hop.add(ms(start, written));
                }
                objects.delete(output);
                objects.delete(PREFIX + "output-" + i + ".wav");
                Thread.sleep(SPACING.toMillis());
            }
            consumer.wakeup();
            polling.join(2000);
        } finally {
            statter.shutdownNow();
            objects.delete(PREFIX + "input.txt");
        }
        return new Figures(hops, p50(publish), p50(delivery), p50(stat), p50(read), p50(writeText), p50(writeWav),
                p50(hop));
    }

    private static Map<String, Object> producer(String bootstrap) {
        return Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0,
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName());
    }

    private static Properties consumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("enable.auto.commit", "false");
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        return properties;
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static double p50(List<Double> values) {
        return BenchmarkReport.percentile(values, 50);
    }
}
