package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.testing.EmbeddedKafka;
import io.megapipeline.testing.ServerProcess;

/**
 * A stage's channel stopped for real, in its packaged application: transcribe-audio alone, on a broker in the
 * test JVM, with its object store down. A prompt then waits on the store for longer than the Kafka connector's
 * {@code throttled.unprocessed-record-max-age.ms} (10 min in the services, 2 s here), so the connector stops the
 * channel and the stage is not live; after {@code pipeline.stage.exit-when-not-live-for} (3 s here) the process
 * exits with status 1, which every supervisor, a Compose restart policy too, answers with a restart. No stack.
 */
class StoppedChannelFaultIT {

    private static final Duration NOT_LIVE_LIMIT = Duration.ofSeconds(3);
    private static final String STAGE = "transcribe-audio";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aStageWhoseChannelStopsExitsWithStatusOne() throws Exception {
        String kafka = EmbeddedKafka.bootstrapServers();
        int port = ServerProcess.freePort();
        int noStore = ServerProcess.freePort(); // nothing listens there
        Path log = Launcher.ROOT.resolve("system-tests/target/stopped-channel/" + STAGE + ".log");
        Files.createDirectories(log.getParent());
        Process stage = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dkafka.bootstrap.servers=" + kafka,
                "-Dpipeline.store.endpoint=http://127.0.0.1:" + noStore,
                "-Dquarkus.http.port=" + port,
                "-Dmp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms=2000",
                "-Dpipeline.stage.exit-when-not-live-for=" + NOT_LIVE_LIMIT.toSeconds() + "s",
                "-jar", Launcher.ROOT.resolve(STAGE + "/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (live(port) != 200) {
                assertTrue(stage.isAlive() && System.nanoTime() < deadline, "the stage did not start; see " + log);
                Thread.sleep(200);
            }
            // Live (though not ready: no store) for longer than the limit, and still running.
            long liveUntil = System.nanoTime() + NOT_LIVE_LIMIT.plusSeconds(2).toNanos();
            while (System.nanoTime() < liveUntil) {
                assertEquals(200, live(port), "liveness of the stage before any prompt");
                Thread.sleep(200);
            }
            assertTrue(stage.isAlive(), "a live stage exited; see " + log);

            long sent = System.nanoTime();
            send(kafka, PromptId.generate());
            long notLive = -1;
            while (stage.isAlive() && System.nanoTime() - sent < TimeUnit.MINUTES.toNanos(2)) {
                if (notLive == -1 && live(port) == 503) {
                    notLive = System.nanoTime();
                }
                Thread.sleep(100);
            }
            long exited = System.nanoTime();
            assertTrue(stage.waitFor(10, TimeUnit.SECONDS), "the stage still runs 2 min after the prompt; see " + log);
            String output = Files.readString(log);
            figure("stopped channel: %s not live %.1f s after the prompt, exited with %d %.1f s after it was seen not "
                    + "live (limit %d s), %.1f s after the prompt", STAGE, (notLive - sent) / 1e9, stage.exitValue(),
                    (exited - notLive) / 1e9, NOT_LIVE_LIMIT.toSeconds(), (exited - sent) / 1e9);
            assertTrue(notLive != -1, "the stage exited without being seen not live; see " + log);
            assertEquals(1, stage.exitValue(), "exit status; see " + log);
            assertTrue(exited - notLive >= NOT_LIVE_LIMIT.minusMillis(200).toNanos(), "exited before the limit");
            assertTrue(output.contains("exiting with status 1") && output.contains("input-audios"),
                    "the reason, the stopped channel, is logged; see " + log);
        } finally {
            stage.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** An input audio announced on the stage's topic; its object is never read, the store being down. */
    private static void send(String kafka, PromptId id) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Artifact.INPUT_AUDIOS.topic(), id.toString(),
                    EventCodec.toJson(PipelineEvent.of(id, Artifact.INPUT_AUDIOS, "gateway", 44)))).get(30, TimeUnit.SECONDS);
        }
    }

    /** The status of the stage's liveness, or 0 while it does not answer. */
    private static int live(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }
}
