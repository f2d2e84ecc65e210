package io.megapipeline.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoredObject;

/**
 * The stack that every fault test class shares (JUnit extension): started once, from an empty state
 * directory, with {@code ./mega-pipeline up --detach}, and stopped with {@code down} when the last
 * class is done. Before each class, {@code up --detach} again starts whatever an earlier class left
 * down. Around it: helpers to load the pipeline, break one process and look at the outcome through the
 * gateway API, the object store and the Kafka topics.
 */
final class FaultStack implements BeforeAllCallback {

    /** The five stages in pipeline order, with their standard ports. */
    static final Map<String, Integer> STAGES = orderedMap("transcribe-audio", 8081, "generate-text", 8082,
            "synthesis-audio-en", 8083, "translate-text", 8084, "synthesis-audio", 8085);
    /** The stages and the gateway: every service with a readiness check. */
    static final Map<String, Integer> SERVICES = orderedMap("transcribe-audio", 8081, "generate-text", 8082,
            "synthesis-audio-en", 8083, "translate-text", 8084, "synthesis-audio", 8085, "gateway", 8080);
    static final GatewayClient gateway = new GatewayClient(Launcher.GATEWAY_URL);

    private static final Path SAMPLES = Launcher.ROOT.resolve("samples");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String KAFKA = "127.0.0.1:" + Launcher.port(9092);
    private static ObjectStore store;
    private static KafkaProducer<String, String> producer;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Suite.class, key -> Suite.start(), Suite.class);
        Launcher.run(Duration.ofMinutes(5), "up", "--detach");
    }

    /** The whole suite: one stack, its start and its end. */
    record Suite(long startNanos) implements AutoCloseable {

        static Suite start() {
            try {
                deleteRecursively(Launcher.STATE);
                long start = System.nanoTime();
                Launcher.run(Duration.ofMinutes(5), "up", "--detach");
                figure("stack ready in %.1f s", (System.nanoTime() - start) / 1e9);
                return new Suite(start);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the stack did not start", e);
            }
        }

        @Override
        public void close() throws Exception {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            Launcher.run(Duration.ofMinutes(2), "down");
            figure("fault suite (stack start to stop): %.0f s", (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** Prints one measured figure of the suite. */
    static void figure(String format, Object... args) {
        System.out.println("[faults] " + String.format(Locale.ROOT, format, args));
    }

    /** Uploads copies of the samples through the gateway, as a browser does; returns the prompt ids. */
    static List<String> upload(int prompts) throws IOException {
        return upload(gateway, prompts);
    }

    /** Uploads copies of the samples through a gateway (directly, or through a frontend's proxy). */
    static List<String> upload(GatewayClient gateway, int prompts) throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            ids.add(gateway.upload(Files.readAllBytes(samples.get(i % samples.size()))));
        }
        return ids;
    }

    /** Every artifact of the prompt is done. */
    static boolean complete(JsonNode prompt) {
        for (String artifact : GatewayClient.ARTIFACTS) {
            if (!GatewayClient.stage(prompt, artifact).path("state").asText().equals("done")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the gateway lists every one of the prompts as complete or failed, and returns the
     * whole list it shows then (one entry per listing, so a prompt listed twice shows twice).
     */
    static List<JsonNode> awaitFinished(Collection<String> ids, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> listed = gateway.prompts();
            Map<String, JsonNode> byId = new HashMap<>();
            listed.forEach(p -> byId.put(p.path("id").asText(), p));
            List<String> open = ids.stream().filter(id -> !byId.containsKey(id)
                    || !(complete(byId.get(id)) || byId.get(id).path("failed").asBoolean())).toList();
            if (open.isEmpty()) {
                return listed;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(open.size() + " prompts not finished after " + timeout.toSeconds() + " s, e.g. "
                        + (byId.containsKey(open.get(0)) ? byId.get(open.get(0)) : open.get(0) + " (not listed)"));
            }
            Thread.sleep(1000);
        }
    }

    /**
     * What became of a batch of prompts: the list the gateway shows, every event on the topics, how many
     * of the prompts the list shows complete, their failure events and their duplicate events.
     */
    record Outcome(List<JsonNode> listed, List<ConsumerRecord<String, String>> events, int completed, long failures,
            int duplicateEvents) {
    }

    /** Waits until the gateway lists every one of the prompts as complete or failed, then reads the topics. */
    static Outcome awaitOutcome(List<String> ids, Duration timeout) throws IOException, InterruptedException {
        List<JsonNode> listed = awaitFinished(ids, timeout);
        int completed = (int) listed.stream().filter(p -> ids.contains(p.path("id").asText()) && complete(p)).count();
        List<ConsumerRecord<String, String>> events = events();
        long failures = events.stream().filter(e -> e.topic().equals(Artifact.FAILURES_TOPIC) && ids.contains(e.key()))
                .count();
        return new Outcome(listed, events, completed, failures, duplicateEvents(events, Set.copyOf(ids)));
    }

    /** The HTTP status of a service's readiness check, or 0 when nothing answers on its port. */
    static int readiness(int standardPort) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Launcher.port(standardPort)
                    + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The prompts a stage works on now ({@code pipeline_stage_in_flight}), 0 when it does not answer. */
    static int inFlight(String stage) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + Launcher.port(STAGES.get(stage)) + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^pipeline_stage_in_flight\\{[^}]*} ([0-9.]+)").matcher(metrics);
            return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Waits until the stage works on at least one prompt, uploading a few more whenever it stays idle for a few
     * seconds: the stages after the first spend tens of milliseconds on a prompt, and the prompts uploaded at the
     * start may all be past them already. The new prompts join {@code ids}. Returns how many prompts the stage works
     * on, or 0 if it stayed idle until the timeout.
     */
    static int awaitBusy(String stage, List<String> ids, Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        int busy;
        while ((busy = awaitBusy(stage, Duration.ofSeconds(3))) == 0 && Instant.now().isBefore(deadline)) {
            ids.addAll(upload(4));
        }
        return busy;
    }

    /** Waits until the stage works on at least one prompt; returns how many, or 0 if it stayed idle. */
    static int awaitBusy(String stage, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int busy;
        while ((busy = inFlight(stage)) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(25);
        }
        return busy;
    }

    /** Every object in the artifact folders of the store. */
    static List<StoredObject> objects() {
        List<StoredObject> objects = new ArrayList<>();
        for (Artifact artifact : Artifact.values()) {
            objects.addAll(store().list(artifact.prefix()));
        }
        return objects;
    }

    static boolean exists(String key) {
        return store().exists(key);
    }

    /** Writes an object straight into the store, past the gateway. */
    static void put(String key, byte[] content, String contentType) {
        store().put(key, content, contentType);
    }

    /** Every record on the artifact topics and on pipeline-failures, from the beginning to now. */
    static List<ConsumerRecord<String, String>> events() {
        return events(KAFKA);
    }

    /** The same from the broker at these bootstrap servers. */
    static List<ConsumerRecord<String, String>> events(String bootstrapServers) {
        List<String> topics = new ArrayList<>(Stream.of(Artifact.values()).map(Artifact::topic).toList());
        topics.add(Artifact.FAILURES_TOPIC);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read the topics to their end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Events beyond the first for the same artifact of the same prompt: at-least-once redeliveries. */
    static int duplicateEvents(List<ConsumerRecord<String, String>> events, Set<String> ids) {
        Map<String, Integer> perArtifact = new HashMap<>();
        events.stream().filter(e -> ids.contains(e.key()) && !e.topic().equals(Artifact.FAILURES_TOPIC))
                .forEach(e -> perArtifact.merge(e.topic() + "/" + e.key(), 1, Integer::sum));
        return perArtifact.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** Sends an event as a stage would: the prompt id is the record key. */
    static void send(String topic, String promptId, String json) throws Exception {
        producer().send(new ProducerRecord<>(topic, promptId, json)).get();
    }

    static int partitions(String topic) {
        return producer().partitionsFor(topic).size();
    }

    /** The partition Kafka's default partitioner picks for a record key. */
    static int partitionOf(String topic, String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions(topic);
    }

    /** A running process of the stack (kafka, s3 or a service), from the pid the launcher recorded. */
    static ProcessHandle process(String name) throws IOException {
        long pid = Long.parseLong(Files.readString(Launcher.STATE.resolve("pids/" + name + ".pid")).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
    }

    /** A process's log in the stack's state directory. */
    static String log(String name) throws IOException {
        return Files.readString(Launcher.STATE.resolve("logs/" + name + ".log"));
    }

    private static synchronized ObjectStore store() {
        if (store == null) {
            store = new ObjectStore(new StackStore("http://127.0.0.1:" + Launcher.port(9000)));
        }
        return store;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private static Map<String, Integer> orderedMap(Object... entries) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (Integer) entries[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
