package io.megapipeline.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.store.StoredObject;

/**
 * Deletion holds: a prompt deleted while each stage works on it leaves nothing in the store once the pipeline
 * has drained (but its marker), and a second gateway replica, started beside the stack's, stops listing it too.
 */
@ExtendWith(FaultStack.class)
class DeletionFaultIT {

    private static final String ADMIN_TOKEN = System.getenv().getOrDefault("GATEWAY_ADMIN_TOKEN", "system-tests-admin");
    private static final int REPLICA_PORT = Launcher.port(8090);

    @Test
    void aPromptDeletedDuringEachStageLeavesNothingAndBothReplicasForgetIt() throws Exception {
        Process replica = startSecondGateway();
        try {
            GatewayClient second = new GatewayClient("http://127.0.0.1:" + REPLICA_PORT);
            List<String> ids = new ArrayList<>();
            Map<String, String> deletedDuring = new LinkedHashMap<>();
            for (Topology.Service stage : Topology.stages()) {
                String id = deleteWhileAt(stage, ids);
                assertEquals(204, FaultStack.gateway.delete(id, ADMIN_TOKEN), "a second delete of " + id);
                deletedDuring.put(id, stage.name());
            }
            List<String> kept = ids.stream().filter(id -> !deletedDuring.containsKey(id)).toList();
            FaultStack.awaitFinished(kept, Duration.ofMinutes(3));
            Thread.sleep(5000); // what the stages still had in hand lands, and is removed

            List<String> left = new ArrayList<>();
            for (StoredObject object : FaultStack.objects()) {
                if (deletedDuring.keySet().stream().anyMatch(object.key()::contains)) {
                    left.add(object.key());
                }
            }
            for (String id : deletedDuring.keySet()) {
                assertEquals(404, FaultStack.gateway.status(id), "the stack's gateway forgot " + id);
                assertEquals(404, second.status(id), "the second replica forgot " + id);
            }
            FaultStack.figure("deletion: %d prompts deleted during %s; objects left of them: %d; both replicas forgot them",
                    deletedDuring.size(), deletedDuring.values(), left.size());
            assertEquals(List.of(), left, "nothing of the deleted prompts is left");
            for (String id : deletedDuring.keySet()) {
                assertTrue(FaultStack.exists(DeletionEvent.markerKey(PromptId.of(id))), "marker of " + id);
            }
        } finally {
            replica.destroy();
            replica.waitFor();
        }
    }

    /**
     * Uploads a few prompts (added to {@code ids}) and deletes the first one seen between the arrival of the
     * stage's input and of its output; more prompts when all of them went past the stage unseen.
     */
    private static String deleteWhileAt(Topology.Service stage, List<String> ids) throws Exception {
        String input = stage.input().orElseThrow().artifactName();
        String output = stage.output().artifactName();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            List<String> batch = FaultStack.upload(4);
            ids.addAll(batch);
            boolean pending = true;
            while (pending && Instant.now().isBefore(deadline)) {
                pending = false;
                for (String id : batch) {
                    JsonNode prompt = FaultStack.gateway.prompt(id);
                    if (done(prompt, input) && !done(prompt, output)) {
                        assertEquals(204, FaultStack.gateway.delete(id, ADMIN_TOKEN), "delete " + id);
                        return id;
                    }
                    pending |= !done(prompt, output) && !prompt.path("failed").asBoolean();
                }
            }
        }
        throw new AssertionError("no prompt was seen at " + stage.name());
    }

    private static boolean done(JsonNode prompt, String artifact) {
        return GatewayClient.stage(prompt, artifact).path("state").asText().equals("done");
    }

    /** The stack's gateway again, as a second replica on its own port, reading the same broker and store. */
    private static Process startSecondGateway() throws Exception {
        Path jar = Launcher.ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(Launcher.STATE.resolve("logs/gateway-2.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + Launcher.port(9092));
        env.put("PIPELINE_STORE_ENDPOINT", "http://127.0.0.1:" + Launcher.port(9000));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(REPLICA_PORT));
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + REPLICA_PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        process.destroy();
        throw new AssertionError("the second gateway did not become ready; see " + Launcher.STATE.resolve("logs/gateway-2.log"));
    }
}
