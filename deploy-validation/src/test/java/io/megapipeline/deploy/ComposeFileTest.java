package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: valid for Compose (docker-compose config), and wired as the pipeline needs.
 * The rules read Compose's own resolved form (anchors merged, variables replaced by their defaults).
 */
class ComposeFileTest {

    private static final Path COMPOSE = Project.ROOT.resolve("docker-compose.yml");
    private static JsonNode services;
    private static JsonNode resolved;

    static Project.Result config(Path file, String... extra) {
        return config(file, Map.of(), extra);
    }

    /** docker-compose config with the documented defaults, but for the settings given. */
    static Project.Result config(Path file, Map<String, String> settings, String... extra) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", Project.ROOT.toString(),
                "-f", file.toString(), "config"));
        command.addAll(List.of(extra));
        // The checks below expect the documented defaults.
        return Project.run(Project.ROOT, command, List.of("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "FRONTEND_PORT",
                "MINIO_CONSOLE_PORT", "KAFKA_PARTITIONS", "MINIO_IMAGE", "MC_IMAGE", "BIND_ADDRESS"), settings);
    }

    /** Every published port not bound to 127.0.0.1, of Compose's resolved form (short or long syntax). */
    static List<String> portsOpenBeyondThisMachine(JsonNode services) {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            for (JsonNode port : service.getValue().path("ports")) {
                String host = port.isTextual()
                        ? (port.asText().split(":").length == 3 ? port.asText().split(":")[0] : "")
                        : port.path("host_ip").asText();
                if (!host.equals("127.0.0.1")) {
                    problems.add(service.getKey() + ": publishes " + port + " on '" + host + "', not 127.0.0.1");
                }
            }
        });
        return problems;
    }

    @BeforeAll
    static void resolve() throws Exception {
        Project.Result result = config(COMPOSE);
        assertEquals(0, result.exitCode(), result.output());
        resolved = new YAMLMapper().readTree(result.output());
        services = resolved.path("services");
    }

    @Test
    void composeAcceptsTheFile() {
        Project.Result quiet = config(COMPOSE, "-q");
        assertEquals(0, quiet.exitCode(), quiet.output());
        assertEquals("", quiet.output().strip(), "no warnings (every variable has a default)");
    }

    @Test
    void everyServiceModuleIsBuiltFromItsDockerfileAndWaitsForKafkaAndMinio() {
        for (String name : Architecture.SERVICES) {
            JsonNode service = services.path(name);
            assertEquals(name + "/Dockerfile", service.path("build").path("dockerfile").asText(), name);
            assertEquals(Project.ROOT.toString(), service.path("build").path("context").asText(), name);
            JsonNode env = service.path("environment");
            assertEquals("kafka:9092", env.path("KAFKA_BOOTSTRAP_SERVERS").asText(), name);
            assertEquals("http://minio:9000", env.path("PIPELINE_STORE_ENDPOINT").asText(), name);
            assertEquals("minioadmin", env.path("PIPELINE_STORE_ACCESS_KEY").asText(), name);
            assertEquals("minioadmin", env.path("PIPELINE_STORE_SECRET_KEY").asText(), name);
            JsonNode dependsOn = service.path("depends_on");
            assertEquals("service_healthy", dependsOn.path("kafka").path("condition").asText(), name);
            assertEquals("service_healthy", dependsOn.path("minio").path("condition").asText(), name);
            assertEquals("service_completed_successfully", dependsOn.path("kafka-init").path("condition").asText(), name);
            assertEquals("service_completed_successfully", dependsOn.path("minio-init").path("condition").asText(), name);
            String health = service.path("healthcheck").path("test").toString();
            assertTrue(health.contains("127.0.0.1:" + Architecture.PORTS.get(name) + "/q/health/ready"), name + ": " + health);
        }
        // The language model is inside generate-text's image: it needs nothing mounted.
        assertTrue(services.path("generate-text").path("volumes").isMissingNode(), services.path("generate-text").toString());
    }

    @Test
    void infrastructureIsKraftKafkaAndMinioWithTheirInitJobs() {
        JsonNode kafka = services.path("kafka");
        assertEquals("apache/kafka:4.0.0", kafka.path("image").asText());
        assertEquals("broker,controller", kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText());
        assertEquals("4", kafka.path("environment").path("KAFKA_NUM_PARTITIONS").asText());
        assertEquals(Architecture.TOPICS, List.of(services.path("kafka-init").path("environment").path("TOPICS").asText().split(" ")));
        assertTrue(services.path("minio-init").toString().contains("store/mega-pipeline"));
        for (String init : List.of("kafka-init", "minio-init")) {
            assertEquals("service_healthy", services.path(init).path("depends_on").path(init.replace("-init", "")).path("condition").asText());
        }
        for (String data : List.of("kafka", "minio")) {
            assertTrue(resolved.path("volumes").has(data + "-data"), data);
            assertTrue(services.path(data).path("volumes").toString().contains(data + "-data"), data);
            assertTrue(services.path(data).has("healthcheck"), data);
        }
        assertEquals("service_healthy", services.path("frontend").path("depends_on").path("gateway").path("condition").asText());
    }

    @Test
    void onlyTheFrontendAndTheMinioConsolePublishPorts() {
        Set<String> publishing = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().has("ports")) {
                publishing.add(e.getKey());
            }
        });
        assertEquals(Set.of("frontend", "minio"), publishing);
        String console = services.path("minio").path("ports").toString();
        assertTrue(console.contains("127.0.0.1:9001:9001"), "the MinIO console is for this machine only: " + console);
    }

    @Test
    void portsArePublishedOnThisMachineOnlyUnlessBindAddressOpensTheApp() throws Exception {
        assertEquals(List.of(), portsOpenBeyondThisMachine(services));
        Project.Result lan = config(COMPOSE, Map.of("BIND_ADDRESS", "0.0.0.0"));
        assertEquals(0, lan.exitCode(), lan.output());
        JsonNode opened = new YAMLMapper().readTree(lan.output()).path("services");
        assertEquals(List.of("frontend: publishes \"0.0.0.0:8080:8080/tcp\" on '0.0.0.0', not 127.0.0.1"),
                portsOpenBeyondThisMachine(opened), "BIND_ADDRESS opens the app's port, and only it");
    }

    @Test
    void aPortPublishedOnEveryAddressIsReported() throws Exception {
        String broken = Project.read(COMPOSE).replace("\"${BIND_ADDRESS:-127.0.0.1}:${FRONTEND_PORT:-8080}:8080\"",
                "\"${FRONTEND_PORT:-8080}:8080\"");
        assertNotEquals(Project.read(COMPOSE), broken);
        Project.Result result = config(Project.write(Project.TARGET.resolve("broken-compose/every-address.yml"), broken));
        assertEquals(0, result.exitCode(), result.output());
        List<String> problems = portsOpenBeyondThisMachine(new YAMLMapper().readTree(result.output()).path("services"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("frontend: publishes"), problems.toString());
    }

    @Test
    void anUnknownOptionIsRefused() {
        String broken = Project.read(COMPOSE).replace("    restart: unless-stopped\n    environment:\n      KAFKA_NODE_ID",
                "    restart: unless-stopped\n    restart_policy: always\n    environment:\n      KAFKA_NODE_ID");
        assertNotEquals(Project.read(COMPOSE), broken);
        Project.Result result = config(Project.write(Project.TARGET.resolve("broken-compose/unknown-option.yml"), broken), "-q");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("restart_policy"), result.output());
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        String broken = Project.read(COMPOSE).replace("      retries: 10\n", "      retries: [10]\n");
        assertNotEquals(Project.read(COMPOSE), broken);
        Project.Result result = config(Project.write(Project.TARGET.resolve("broken-compose/wrong-type.yml"), broken), "-q");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("retries"), result.output());
    }
}
