package io.megapipeline.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.testing.WordErrorRate;

/**
 * The whole pipeline as real processes, started with {@code ./mega-pipeline up} as a user does: a
 * spoken prompt comes out as English and French speech, through the API, the run command and the
 * browser; Ctrl-C stops everything; a restarted stack still lists its prompts. Then the same stack as the
 * monolith ({@code up --monolith}, on the same store): the same sample gives the same transcript and story.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final Path SAMPLES = Launcher.ROOT.resolve("samples");
    private static final Path TARGET = Launcher.ROOT.resolve("system-tests/target");
    private static final Duration PROMPT_TIMEOUT = Duration.ofMinutes(3);
    private static final int[] PORTS = { 8080, 8081, 8082, 8083, 8084, 8085, 9092, 9000 };
    /** Words a French text of a few sentences cannot do without. */
    private static final Set<String> FRENCH_WORDS = Set.of("le", "la", "les", "un", "une", "et", "il", "elle",
            "de", "du", "des", "est", "était", "à", "avec", "dans", "pour", "son", "sa", "ses", "qui", "que");

    static Process stack;
    static GatewayClient gateway = new GatewayClient(Launcher.GATEWAY_URL);
    static final List<String> promptIds = new ArrayList<>();
    /** The first prompt's transcript and story in the microservices, for the monolith to match. */
    static Story microservices;

    record Story(String transcript, String paragraph, String french) {
    }

    @BeforeAll
    static void up() throws Exception {
        long start = System.nanoTime();
        stack = Launcher.upInForeground(Duration.ofMinutes(5));
        System.out.printf(Locale.ROOT, "stack ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null && stack.isAlive()) {
            stack.destroy();
        }
        Launcher.run(Duration.ofMinutes(2), "down");
    }

    @Test
    @Order(1)
    void aSpokenPromptComesOutAsEnglishAndFrenchSpeech() throws Exception {
        microservices = throughThePipeline("ill-disposed.wav");
    }

    /** The sample through the running stack, checked artifact by artifact. */
    private static Story throughThePipeline(String sample) throws Exception {
        long start = System.nanoTime();
        String id = gateway.upload(Files.readAllBytes(SAMPLES.resolve(sample)));
        promptIds.add(id);
        JsonNode prompt = gateway.await(id, PROMPT_TIMEOUT, stage -> { });
        System.out.printf(Locale.ROOT, "first prompt through the pipeline in %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertFalse(prompt.path("failed").asBoolean(), prompt.toPrettyString());

        String transcript = text(prompt, "text-prompts");
        String paragraph = text(prompt, "text-paragraphs");
        String french = text(prompt, "text-translated");
        // two words in eight: the small model sometimes hears "an ill" as "a nail"
        assertTrue(WordErrorRate.of("he was not an ill disposed young man", transcript) <= 0.25, transcript);
        assertTrue(paragraph.toLowerCase(Locale.ROOT).startsWith(transcript.toLowerCase(Locale.ROOT))
                && paragraph.length() > transcript.length() + 20, "the paragraph continues the prompt: " + paragraph);
        assertFrench(french);

        assertSpoken(gateway.audio(id, "text-audios"), paragraph);
        assertSpoken(gateway.audio(id, "output-audios"), french);
        for (String artifact : GatewayClient.ARTIFACTS) {
            assertTrue(GatewayClient.stage(prompt, artifact).hasNonNull("seconds") || artifact.equals("input-audios"),
                    "timed: " + artifact);
        }
        return new Story(transcript, paragraph, french);
    }

    @Test
    @Order(2)
    void theRunCommandPrintsEachArtifactAndWritesBothAudios() throws Exception {
        Path out = TARGET.resolve("run-output");
        long start = System.nanoTime();
        String output = Launcher.run(Duration.ofMinutes(3), "run", SAMPLES.resolve("made-amiable.wav").toString(),
                out.toString());
        System.out.printf(Locale.ROOT, "./mega-pipeline run on the running stack: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        for (String artifact : GatewayClient.ARTIFACTS) {
            assertTrue(output.contains(artifact), artifact + " printed:\n" + output);
        }
        promptIds.add(output.lines().filter(l -> l.startsWith("prompt ")).findFirst().orElseThrow().split(" ")[1]);
        assertTrue(Wav.read(Files.readAllBytes(out.resolve("made-amiable.en.wav")), Duration.ofMinutes(5)).rms() > 0.02);
        assertTrue(Wav.read(Files.readAllBytes(out.resolve("made-amiable.fr.wav")), Duration.ofMinutes(5)).rms() > 0.02);
    }

    @Test
    @Order(3)
    void aPromptRecordedInTheBrowserIsFollowedToTheFrenchAudio() throws Exception {
        // Chromium's fake microphone loops a 48 kHz 16-bit file; silence after the words marks the loop.
        Path microphone = TARGET.resolve("microphone.wav");
        Process sox = new ProcessBuilder("sox", SAMPLES.resolve("cold-hearted.wav").toString(), "-r", "48000",
                microphone.toString(), "pad", "0.2", "3").inheritIO().start();
        assertEquals(0, sox.waitFor());
        try (Playwright playwright = Playwright.create();
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--use-fake-ui-for-media-stream",
                                "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + microphone,
                                "--disable-background-networking", "--no-first-run")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
            page.setDefaultTimeout(PROMPT_TIMEOUT.toMillis());
            page.navigate(Launcher.GATEWAY_URL + "/");
            page.locator("#live.on").waitFor();
            page.locator("#prompts[aria-busy=false]").waitFor();
            assertTrue(page.locator("#prompts tbody tr").count() >= 2, "the earlier prompts are listed");

            page.click("#record");
            page.locator("#record[aria-pressed=true]").waitFor();
            page.waitForTimeout(6000);
            page.click("#record");
            page.locator("#status:has-text('Prompt uploaded')").waitFor();
            String id = page.locator("#prompts tbody tr").first().getAttribute("data-id");
            promptIds.add(id);

            Locator row = page.locator("tr[data-id='" + id + "']");
            row.locator("td[data-artifact=output-audios].done audio").waitFor();
            row.locator("td[data-artifact=text-audios].done audio").waitFor();
            String transcript = row.locator("td[data-artifact=text-prompts] p").textContent();
            assertTrue(WordErrorRate.of(
                    "unless to be rather cold hearted and rather selfish is to be ill disposed", transcript) <= 0.35,
                    transcript);
            Path screenshots = Files.createDirectories(TARGET.resolve("screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("pipeline.png")).setFullPage(true));
        }
    }

    @Test
    @Order(4)
    void everyProcessListensOnLoopbackOnly() throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
        List<String> listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(line -> line.trim().split("\\s+")[3]).toList();
        for (int port : PORTS) {
            List<String> addresses = listening.stream().filter(a -> a.endsWith(":" + Launcher.port(port))).toList();
            assertFalse(addresses.isEmpty(), "port " + Launcher.port(port) + " listens");
            for (String address : addresses) {
                assertTrue(address.matches("(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]|\\[::1\\]):\\d+"), address);
            }
        }
    }

    @Test
    @Order(5)
    void aServiceThatDiesIsStartedAgainAndThePromptsComplete() throws Exception {
        long pid = Long.parseLong(Files.readString(Launcher.STATE.resolve("pids/translate-text.pid")).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, as a crash would end it
        String id = gateway.upload(Files.readAllBytes(SAMPLES.resolve("ill-disposed.wav")));
        promptIds.add(id);

        JsonNode prompt = gateway.await(id, PROMPT_TIMEOUT, stage -> { });
        assertEquals("done", GatewayClient.stage(prompt, "output-audios").path("state").asText(), prompt.toString());
        String status = Launcher.run(Duration.ofMinutes(1), "status");
        String translate = status.lines().filter(l -> l.startsWith("translate-text ")).findFirst().orElseThrow();
        assertTrue(translate.matches("translate-text\\s+yes\\s+yes\\s+\\d+\\s+1\\s+\\d+"), status);
        assertFalse(translate.contains(" " + pid + " "), "a new process: " + translate);
        assertTrue(stack.isAlive(), "the launcher is still up");
    }

    @Test
    @Order(6)
    void ctrlCStopsEveryProcessAndARestartedStackListsItsPrompts() throws Exception {
        List<Long> pids = Launcher.recordedPids();
        assertEquals(8, pids.size(), "Kafka, the S3 server and six services: " + pids);
        new ProcessBuilder("kill", "-INT", Long.toString(stack.pid())).start().waitFor();
        assertTrue(stack.waitFor(2, TimeUnit.MINUTES), "the launcher exits after Ctrl-C");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " stopped");
        }
        for (int port : PORTS) {
            assertFalse(listening(Launcher.port(port)), "port " + Launcher.port(port) + " closed");
        }

        Launcher.run(Duration.ofMinutes(5), "up", "--detach");
        String status = Launcher.run(Duration.ofMinutes(1), "status");
        assertEquals(8, status.lines().filter(l -> l.matches("\\S+\\s+yes\\s+yes\\s+.*")).count(), status);
        JsonNode page = new ObjectMapper().readTree(URI.create(Launcher.GATEWAY_URL + "/api/prompts?size=100").toURL());
        Set<String> listed = new HashSet<>();
        for (JsonNode prompt : page.path("items")) {
            if (!prompt.path("failed").asBoolean()) {
                listed.add(prompt.path("id").asText());
            }
        }
        assertTrue(listed.containsAll(promptIds), "after a restart " + listed + " holds " + promptIds);
        for (String id : promptIds) {
            JsonNode prompt = gateway.prompt(id);
            for (String artifact : GatewayClient.ARTIFACTS) {
                assertEquals("done", GatewayClient.stage(prompt, artifact).path("state").asText(), id + " " + artifact);
            }
        }
    }

    @Test
    @Order(7)
    void theMonolithOnTheSameStoreGivesTheSameStoryAndListsEveryPrompt() throws Exception {
        Launcher.run(Duration.ofMinutes(2), "down");
        long start = System.nanoTime();
        Launcher.run(Duration.ofMinutes(5), "up", "--detach", "--monolith");
        System.out.printf(Locale.ROOT, "monolith ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        try {
            String status = Launcher.run(Duration.ofMinutes(1), "status");
            assertEquals(List.of("s3", "monolith"), status.lines().skip(1).map(l -> l.split("\\s+")[0]).toList(), status);
            assertEquals(2, status.lines().filter(l -> l.matches("\\S+\\s+yes\\s+yes\\s+.*")).count(), status);
            JsonNode services = new ObjectMapper().readTree(URI.create(Launcher.GATEWAY_URL + "/api/services").toURL());
            assertEquals("monolith", services.path("deployment").asText(), services.toString());

            Story monolith = throughThePipeline("ill-disposed.wav");

            assertEquals(microservices, monolith, "the same sample in the microservices and in the monolith");
            JsonNode page = new ObjectMapper().readTree(URI.create(Launcher.GATEWAY_URL + "/api/prompts?size=100").toURL());
            Set<String> listed = new HashSet<>();
            page.path("items").forEach(prompt -> listed.add(prompt.path("id").asText()));
            assertTrue(listed.containsAll(promptIds), "the monolith lists " + listed + ", with " + promptIds);

            // A crash takes every stage at once; the supervisor starts the process again and, as its events were in
            // memory, it resumes from the store each prompt that was in progress.
            List<String> inProgress = new ArrayList<>();
            for (String sample : List.of("made-amiable.wav", "cold-hearted.wav", "ill-disposed.wav")) {
                inProgress.add(gateway.upload(Files.readAllBytes(SAMPLES.resolve(sample))));
            }
            long pid = Long.parseLong(Files.readString(Launcher.STATE.resolve("pids/monolith.pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            long killed = System.nanoTime();
            awaitReady(Duration.ofMinutes(3));
            for (String id : inProgress) {
                JsonNode prompt = gateway.await(id, PROMPT_TIMEOUT, stage -> { });
                assertEquals("done", GatewayClient.stage(prompt, "output-audios").path("state").asText(), prompt.toString());
            }
            System.out.printf(Locale.ROOT, "monolith killed with %d prompts in progress: all complete %.1f s later%n",
                    inProgress.size(), (System.nanoTime() - killed) / 1e9);
            promptIds.addAll(inProgress);
        } finally {
            Launcher.run(Duration.ofMinutes(2), "down");
        }
    }

    private static void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (FaultStack.readiness(8080) != 200) {
            assertTrue(Instant.now().isBefore(deadline), "ready again within " + timeout);
            Thread.sleep(500);
        }
    }

    private static String text(JsonNode prompt, String artifact) {
        return GatewayClient.stage(prompt, artifact).path("text").asText();
    }

    private static void assertFrench(String text) {
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"));
        long french = words.stream().filter(FRENCH_WORDS::contains).count();
        assertTrue(french >= 5, "French function words in: " + text);
        assertFalse(text.matches("(?s).*[*#@]\\p{L}.*"), "no Apertium marks: " + text);
    }

    /** A valid WAV, not silent, about as long as its words take to say (100 to 300 words a minute). */
    private static void assertSpoken(byte[] wav, String text) throws Exception {
        PcmAudio audio = Wav.read(wav, Duration.ofMinutes(10));
        int words = text.split("\\s+").length;
        double seconds = audio.durationSeconds();
        assertTrue(audio.rms() > 0.02, "rms " + audio.rms());
        assertTrue(seconds > words / 5.0 && seconds < words / 1.6 + 2, seconds + " s for " + words + " words");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
