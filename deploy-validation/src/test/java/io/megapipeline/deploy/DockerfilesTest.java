package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each service module and the frontend have a Dockerfile that lints clean and follows the project's rules. */
class DockerfilesTest {

    static Path dockerfile(String module) {
        return Project.ROOT.resolve(module).resolve("Dockerfile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "transcribe-audio", "generate-text", "synthesis-audio-en", "translate-text",
            "synthesis-audio", "frontend"})
    void lintsClean(String module) {
        assertTrue(Files.isRegularFile(dockerfile(module)), module + " has no Dockerfile");
        assertEquals(List.of(), Dockerfiles.lint(dockerfile(module)));
    }

    @Test
    void everyServiceImageIsBuiltWithMavenAndRunsTheFastJarAsNonRoot() {
        for (String module : Architecture.SERVICES) {
            String text = Project.read(dockerfile(module));
            assertEquals(List.of(), Dockerfiles.serviceRules(module, Architecture.PORTS.get(module), text), module);
            assertTrue(Dockerfiles.installs(text, "curl"), module + ": the health check needs curl");
        }
    }

    @Test
    void everyImageHoldsWhatItsEngineNeeds() {
        for (String module : List.of("synthesis-audio-en", "synthesis-audio")) {
            assertTrue(Dockerfiles.installs(Project.read(dockerfile(module)), "espeak-ng"), module);
        }
        String translate = Project.read(dockerfile("translate-text"));
        for (String pkg : List.of("apertium", "apertium-eng-spa", "apertium-fr-es")) {
            assertTrue(Dockerfiles.installs(translate, pkg), pkg);
        }
        String transcribe = Project.read(dockerfile("transcribe-audio"));
        // the model the build unpacks, copied beside the application (WORKDIR /app), where the service finds it
        assertTrue(transcribe.contains("WORKDIR /app"), transcribe);
        assertTrue(transcribe.contains("COPY --from=build /src/transcribe-audio/target/vosk-model/model-en-us/ vosk-model/model-en-us/"),
                transcribe);
        // the language model is a resource of the jar: nothing to bake in or mount
        String generate = Project.read(dockerfile("generate-text"));
        assertFalse(generate.contains("GENERATE_MODEL_DIR="), generate);
    }

    @Test
    void theFrontendServesStaticFilesAndPassesApiToTheGatewayUnbuffered() {
        List<Dockerfiles.Instruction> frontend = Dockerfiles.parse(Project.read(dockerfile("frontend")));
        assertEquals(List.of(), Dockerfiles.nonRootRule(frontend));
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
    }
}
