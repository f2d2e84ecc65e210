package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** docker-compose.monolith.yml: valid for Compose, the store and the one application, no broker, loopback only. */
class MonolithComposeFileTest {

    private static final Path COMPOSE = Project.ROOT.resolve("docker-compose.monolith.yml");

    @Test
    void theMonolithRunsFromItsImageWithTheStoreAndNoBroker() throws Exception {
        Project.Result quiet = ComposeFileTest.config(COMPOSE, "-q");
        assertEquals(0, quiet.exitCode(), quiet.output());
        assertEquals("", quiet.output().strip(), "no warnings (every variable has a default)");
        JsonNode services = new YAMLMapper().readTree(ComposeFileTest.config(COMPOSE).output()).path("services");

        assertEquals(List.of("frontend", "minio", "minio-init", "monolith"),
                iterate(services.fieldNames()).stream().sorted().toList());
        JsonNode monolith = services.path("monolith");
        assertEquals("monolith/Dockerfile", monolith.path("build").path("dockerfile").asText());
        assertEquals("http://minio:9000", monolith.path("environment").path("PIPELINE_STORE_ENDPOINT").asText());
        assertFalse(monolith.path("environment").has("KAFKA_BOOTSTRAP_SERVERS"), "no broker");
        assertEquals("unless-stopped", monolith.path("restart").asText(), "a process that exits is started again");
        assertTrue(monolith.path("healthcheck").path("test").toString().contains("8080/q/health/ready"));
        assertTrue(monolith.path("networks").path("default").path("aliases").toString().contains("\"gateway\""),
                "the frontend's proxy finds it as the gateway");
        assertEquals(List.of(), ComposeFileTest.portsOpenBeyondThisMachine(services));
    }

    private static List<String> iterate(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
