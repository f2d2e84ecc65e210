package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service module and the frontend have a Dockerfile that lints clean and follows the project's rules. */
class DockerfilesTest {

    /** The service modules, the monolith, the frontend, and the local broker and S3 server of the container test. */
    static final List<String> IMAGES = List.of("gateway", "transcribe-audio", "generate-text", "synthesis-audio-en",
            "translate-text", "synthesis-audio", "monolith", "frontend", "local-infra/kafka-server",
            "local-infra/s3-server");

    static Path dockerfile(String module) {
        return Project.ROOT.resolve(module).resolve("Dockerfile");
    }

    static List<String> images() {
        return IMAGES;
    }

    @ParameterizedTest
    @MethodSource("images")
    void lintsClean(String module) {
        assertTrue(Files.isRegularFile(dockerfile(module)), module + " has no Dockerfile");
        assertEquals(List.of(), Dockerfiles.lint(dockerfile(module)));
    }

    /** The container test makes debian:bookworm-slim itself; any other base would need a registry. */
    @Test
    void everyDockerfileStartsFromTheBaseTheContainerTestCanMake() throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(Project.ROOT)) {
            found = files.filter(f -> f.getFileName().toString().equals("Dockerfile"))
                    .filter(f -> !Project.ROOT.relativize(f).toString().matches("(.*/)?(target|node_modules|\\.git|\\.state)/.*"))
                    .sorted().toList();
        }
        assertEquals(IMAGES.stream().map(DockerfilesTest::dockerfile).sorted().toList(), found);
        for (Path file : found) {
            String text = Project.read(file);
            assertEquals(List.of(), Dockerfiles.baseRule(text), file.toString());
            assertEquals(List.of(), Dockerfiles.nonRootRule(Dockerfiles.parse(text)), file.toString());
        }
    }

    /** Identical leading text: the image builder's cache builds the Java runtime's layers once for all of them. */
    @Test
    void theJavaImagesShareTheirFirstLayers() {
        String shared = Dockerfiles.sharedPart(Project.read(dockerfile("gateway")));
        assertTrue(shared.contains("FROM debian:bookworm-slim AS java") && shared.contains("jlink"), shared);
        for (String module : IMAGES.stream().filter(m -> !m.equals("frontend")).toList()) {
            String text = Project.read(dockerfile(module));
            assertEquals(shared, Dockerfiles.sharedPart(text), module);
            assertFalse(text.substring(0, text.indexOf(Dockerfiles.SHARED_START)).contains("\nFROM "),
                    module + ": no instruction before the shared part");
        }
    }

    @Test
    void everyServiceImageRunsTheFastJarThatMavenBuiltAsNonRoot() {
        Map<String, Integer> ports = new LinkedHashMap<>(Architecture.PORTS);
        ports.put("monolith", Architecture.PORTS.get("gateway")); // the one process answers on the gateway's port
        for (String module : ports.keySet()) {
            String text = Project.read(dockerfile(module));
            assertEquals(List.of(), Dockerfiles.serviceRules(module, ports.get(module), text), module);
            assertTrue(Dockerfiles.installs(text, "curl"), module + ": the health check needs curl");
        }
    }

    @Test
    void everyImageHoldsWhatItsEngineNeeds() {
        for (String module : List.of("synthesis-audio-en", "synthesis-audio")) {
            String synthesis = Project.read(dockerfile(module));
            assertTrue(Dockerfiles.installs(synthesis, "libttspico-utils"), module);
            assertTrue(synthesis.contains("Components: main contrib non-free"), module + ": the non-free section");
        }
        String translate = Project.read(dockerfile("translate-text"));
        for (String pkg : List.of("apertium", "apertium-eng-cat", "apertium-fra-cat")) {
            assertTrue(Dockerfiles.installs(translate, pkg), pkg);
        }
        String transcribe = Project.read(dockerfile("transcribe-audio"));
        // the model the build unpacks, copied beside the application (WORKDIR /app), where the service finds it
        assertTrue(transcribe.contains("WORKDIR /app"), transcribe);
        assertTrue(transcribe.contains("COPY transcribe-audio/target/vosk-model/model-en-us/ vosk-model/model-en-us/"),
                transcribe);
        // the language model is a resource of the jar: nothing to bake in or mount
        String generate = Project.read(dockerfile("generate-text"));
        assertFalse(generate.contains("GENERATE_MODEL_DIR="), generate);
    }

    /** The monolith runs every engine: it needs what each stage's image installs and holds. */
    @Test
    void theMonolithImageHoldsEveryEngine() {
        String monolith = Project.read(dockerfile("monolith"));
        for (String pkg : List.of("apertium", "apertium-eng-cat", "apertium-fra-cat", "libttspico-utils")) {
            assertTrue(Dockerfiles.installs(monolith, pkg), pkg);
        }
        assertTrue(monolith.contains("Components: main contrib non-free"), "the non-free section");
        assertTrue(monolith.contains("COPY monolith/target/vosk-model/model-en-us/ vosk-model/model-en-us/"), monolith);
    }

    @Test
    void theFrontendServesStaticFilesAndPassesApiToTheGatewayUnbuffered() {
        String frontendText = Project.read(dockerfile("frontend"));
        List<Dockerfiles.Instruction> frontend = Dockerfiles.parse(frontendText);
        assertEquals(List.of(), Dockerfiles.nonRootRule(frontend));
        assertTrue(Dockerfiles.installs(frontendText, "nginx"), frontendText);
        assertTrue(frontendText.contains("COPY frontend/nginx.conf /etc/nginx/conf.d/default.conf"), frontendText);
        assertTrue(frontend.stream().anyMatch(i -> i.keyword().equals("HEALTHCHECK")));
        assertTrue(frontend.stream().anyMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals("8080")));
        String nginx = Project.read(Project.ROOT.resolve("frontend/nginx.conf"));
        String events = nginx.substring(nginx.indexOf("location /api/events"), nginx.indexOf("}", nginx.indexOf("location /api/events")));
        assertTrue(events.contains("proxy_buffering off;"), events);
        assertTrue(events.contains("proxy_pass http://gateway;"), events);
        assertTrue(nginx.contains("server gateway:" + Architecture.PORTS.get("gateway") + ";"));
        assertTrue(nginx.contains("listen 8080;"));
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalState() {
        List<String> ignored = Project.read(Project.ROOT.resolve(".dockerignore")).lines().toList();
        assertTrue(ignored.containsAll(List.of("**/target/", ".state/", ".git/")), ignored.toString());
        // and lets in what the images copy from the build: each fast-jar and the Vosk models
        List<String> letIn = ignored.stream().filter(line -> line.startsWith("!")).map(line -> line.substring(1)).toList();
        for (String module : IMAGES) {
            for (String line : Project.read(dockerfile(module)).lines().filter(l -> l.startsWith("COPY ")).toList()) {
                String source = line.split("\\s+")[1];
                if (source.contains("/target/")) {
                    assertTrue(letIn.stream().anyMatch(source::startsWith), module + " copies " + source
                            + ", which .dockerignore leaves out of the build context");
                }
            }
        }
    }

    /** A broken Dockerfile, written to target/: the linter and the rules must both object. */
    @Test
    void aBrokenDockerfileIsReported() {
        String good = Project.read(dockerfile("translate-text"));
        String broken = good.replace("USER 10001", "USER root")
                .replace("EXPOSE 8084", "EXPOSE http-port")
                .replace("HEALTHCHECK", "HEALTHCHEK");
        Path file = Project.write(Project.TARGET.resolve("broken-dockerfile/Dockerfile"), broken);
        String lint = String.join("\n", Dockerfiles.lint(file));
        assertTrue(lint.contains("Unknown instruction: HEALTHCHEK"), lint);
        assertTrue(lint.contains("Invalid containerPort: http-port"), lint);
        String rules = String.join("\n", Dockerfiles.serviceRules("translate-text", 8084, broken));
        assertTrue(rules.contains("USER <numeric non-root UID>, has 'root'"), rules);
        assertTrue(rules.contains("no HEALTHCHECK"), rules);
        assertTrue(rules.contains("no EXPOSE 8084"), rules);
        String pulled = good.replace("FROM debian:bookworm-slim AS java", "FROM eclipse-temurin:17-jdk AS java");
        assertTrue(String.join("\n", Dockerfiles.serviceRules("translate-text", 8084, pulled))
                .contains("FROM eclipse-temurin:17-jdk: every stage must start from debian:bookworm-slim"), pulled);
    }
}
