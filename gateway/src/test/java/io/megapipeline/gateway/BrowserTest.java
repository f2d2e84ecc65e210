package io.megapipeline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.EventCodec;
import io.megapipeline.core.FailureEvent;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The frontend in a real Chromium, whose fake microphone plays a LibriVox clip: record, upload, and
 * watch the row fill in live while the test plays the pipeline's stages. Screenshots go to
 * target/screenshots.
 */
@QuarkusTest
@TestProfile(OwnershipTest.PrivateMode.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final double TIMEOUT_MS = 30_000;

    static Playwright playwright;
    static Browser browser;
    static Path microphone;

    @Inject
    ObjectStore store;

    @Inject
    Progress progress;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL home;

    @BeforeAll
    static void launch() throws Exception {
        // Chromium's fake capture device wants 16-bit PCM; at 48 kHz it needs no resampling of its own
        microphone = Path.of("target/fake-microphone.wav").toAbsolutePath();
        Process sox = new ProcessBuilder("sox", Clips.SPEECH.toString(), "-r", "48000", "-c", "1", "-b", "16",
                microphone.toString()).inheritIO().start();
        assertEquals(0, sox.waitFor(), "sox converts the clip");
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                        "--use-file-for-fake-audio-capture=" + microphone, "--disable-background-networking",
                        "--disable-component-update", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Keeps every message of the page's event stream in {@code window.streamed}. */
    private static final String RECORD_STREAM = "(() => { const Source = window.EventSource; window.streamed = [];"
            + " window.EventSource = class extends Source { constructor(...args) { super(...args);"
            + " this.addEventListener('message', e => window.streamed.push(e.data)); } }; })()";

    private Page open() {
        return open(browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900)));
    }

    private Page open(Page page) {
        page.setDefaultTimeout(TIMEOUT_MS);
        page.navigate(home.toString());
        page.locator("#live.on").waitFor(); // the event stream is open
        page.locator("#prompts[aria-busy=false]").waitFor(); // and the list loaded
        return page;
    }

    @Test
    void theColumnsAreThePipelinesArtifactsInOrder() {
        Page page = open();
        List<String> titles = new ArrayList<>(Topology.SERVICES.stream().map(s -> s.output().title()).toList());
        titles.add("Actions");
        assertEquals(titles, page.locator("#prompts thead th").allTextContents());
    }

    @Test
    void aRecordingIsUploadedAndItsRowFillsInLive() throws Exception {
        Page page = open();
        page.evaluate("window.notReloaded = true");
        int rowsBefore = page.locator("#prompts tbody tr").count();

        page.focus("#record"); // by keyboard: Enter starts and stops
        page.keyboard().press("Enter");
        page.locator("#record[aria-pressed=true]").waitFor();
        page.waitForTimeout(4000);
        assertTrue(Double.parseDouble(page.locator("#elapsed").textContent().replace("0:", "")) >= 3,
                "the elapsed time runs: " + page.locator("#elapsed").textContent());
        page.keyboard().press("Enter");
        page.waitForFunction("n => document.querySelectorAll('#prompts tbody tr').length > n", rowsBefore);
        assertTrue(page.locator("#status").textContent().contains("Prompt uploaded"), page.locator("#status").textContent());
        PromptId id = PromptId.of(page.locator("#prompts tbody tr").first().getAttribute("data-id"));

        PcmAudio upload = Wav.read(store.get(Artifact.INPUT_AUDIOS.key(id)), Duration.ofSeconds(60));
        assertEquals(16000, upload.sampleRate());
        assertEquals(1, upload.channels());
        assertTrue(upload.durationSeconds() > 3 && upload.durationSeconds() < 8, "seconds: " + upload.durationSeconds());
        double[] source = Loudness.envelope(Wav.read(Files.readAllBytes(Clips.SPEECH), Duration.ofSeconds(60)));
        double[] recorded = Loudness.trimLeadingSilence(Loudness.envelope(upload));
        double correlation = Loudness.loopedCorrelation(source, recorded);
        double[] otherClip = Loudness.envelope(Wav.read(Files.readAllBytes(Clips.SPEECH.resolveSibling(
                "sense_and_sensibility_01_austen_64kb-0920.wav")), Duration.ofSeconds(60)));
        double unrelated = Loudness.loopedCorrelation(otherClip, recorded);
        System.out.printf("loudness envelope correlation of the %d-window recording: %.4f with the source, %.4f with"
                + " another clip%n", recorded.length, correlation, unrelated);
        assertTrue(correlation > 0.8, "envelope correlation " + correlation);
        assertTrue(unrelated < correlation - 0.2, "another clip matches less: " + unrelated);

        Locator row = page.locator("tr[data-id='" + id + "']");
        row.locator("td[data-artifact=input-audios] audio").waitFor();
        row.locator("td[data-artifact=text-prompts] .pending").waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("uploaded.png")).setFullPage(true));

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            GatewayListening.await(kafka, progress);
            playStage(kafka, id, Artifact.TEXT_PROMPTS, "the quick brown fox".getBytes(StandardCharsets.UTF_8));
            row.locator("td[data-artifact=text-prompts].done").waitFor();
            assertEquals("the quick brown fox", row.locator("td[data-artifact=text-prompts] p").textContent());

            playStage(kafka, id, Artifact.TEXT_PARAGRAPHS,
                    "The quick brown fox jumped over the lazy dog and ran into the woods.".getBytes(StandardCharsets.UTF_8));
            row.locator("td[data-artifact=text-paragraphs].done").waitFor();
            assertEquals("The quick brown fox", row.locator("td[data-artifact=text-paragraphs] .spoken").textContent(),
                    "the story sets the spoken prompt apart");

            playStage(kafka, id, Artifact.TEXT_AUDIOS, Clips.speech());
            row.locator("td[data-artifact=text-audios] audio").waitFor();

            playStage(kafka, id, Artifact.TEXT_TRANSLATED,
                    "Le renard brun rapide a sauté par-dessus le chien paresseux.".getBytes(StandardCharsets.UTF_8));
            row.locator("td[data-artifact=text-translated].done").waitFor();
            assertTrue(row.locator("td[data-artifact=text-translated]").textContent().contains("Le renard brun"));

            GatewayListening.send(kafka, "pipeline-failures", id.toString(), EventCodec.toJson(FailureEvent.of(id, "synthesis-audio",
                    Artifact.TEXT_TRANSLATED.key(id), "espeak-ng produced no audio for this text", false)));
            row.locator("td[data-artifact=output-audios].failed").waitFor();
            assertEquals("Failed: espeak-ng produced no audio for this text",
                    row.locator("td[data-artifact=output-audios] .reason").textContent());
        }
        assertEquals(true, page.evaluate("window.notReloaded === true"), "the cells filled in without a reload");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pipeline.png")).setFullPage(true));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("narrow.png")).setFullPage(true));
        assertEquals("block", page.evaluate("getComputedStyle(document.querySelector('#prompts tbody tr')).display"),
                "rows become cards on a narrow screen");

        row.locator("button.delete").click();
        row.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        assertFalse(store.exists(Artifact.INPUT_AUDIOS.key(id)));
        assertFalse(store.exists(Artifact.TEXT_PROMPTS.key(id)));
        page.close();
    }

    @Test
    void theSelectedPromptsBoxesLightInOrderAsItsArtifactsArriveAndAFailedStageShowsRedWithItsReason()
            throws Exception {
        Page page = open();
        assertEquals(Topology.SERVICES.stream().map(Topology.Service::name).toList(),
                page.locator("#diagram .box .name").allTextContents(), "a box per service, from GET /api/pipeline");
        assertEquals(Topology.SERVICES.stream().map(s -> s.output().topic()).toList(),
                page.locator("#diagram .topic .name").allTextContents(), "the topics between them");
        PromptId id = uploadIn(page);
        page.reload(); // forget the selection the upload made: choose it by keyboard
        page.locator("#live.on").waitFor();
        Locator show = page.locator("tr[data-id='" + id + "'] button.select");
        show.focus();
        page.keyboard().press("Enter");
        page.locator("tr[data-id='" + id + "'] button.select[aria-pressed=true]").waitFor();
        page.locator("#diagram [data-service=gateway].done").waitFor();
        assertEquals("working…", page.locator("#diagram [data-service=transcribe-audio] .state").textContent());

        List<String> lit = new ArrayList<>(List.of("gateway"));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            GatewayListening.await(kafka, progress);
            Object[][] stages = {
                    { Artifact.TEXT_PROMPTS, "the quick brown fox".getBytes(StandardCharsets.UTF_8) },
                    { Artifact.TEXT_PARAGRAPHS, "The quick brown fox ran into the woods.".getBytes(StandardCharsets.UTF_8) },
                    { Artifact.TEXT_AUDIOS, Clips.speech() },
                    { Artifact.TEXT_TRANSLATED, "Le renard brun rapide.".getBytes(StandardCharsets.UTF_8) } };
            for (Object[] stage : stages) {
                Artifact artifact = (Artifact) stage[0];
                String service = Topology.producerOf(artifact).name();
                Thread.sleep(300); // so that each stage takes a visible time
                if (artifact == Artifact.TEXT_AUDIOS) {
                    playStage(kafka, id, artifact, (byte[]) stage[1]); // as from a stage that sends no timings
                } else {
                    // taken at least 50 ms after its input's event, the engine 150 ms, the store 100 ms
                    Instant now = Instant.now();
                    playStage(kafka, id, artifact, (byte[]) stage[1], now.minusMillis(250), now, 150);
                }
                page.locator("#diagram [data-service=" + service + "].done").waitFor();
                lit.add(service);
                assertEquals(lit, page.locator("#diagram .box.done .name").allTextContents(),
                        "the boxes light in order, one per arrived artifact");
                assertTrue(page.locator("#diagram [data-service=" + service + "] .state").textContent()
                        .matches("done in \\d+\\.\\d s"), "the stage's time shows");
                assertTrue(page.locator("#diagram [data-topic=" + artifact.topic() + "].done").isVisible());
                page.waitForFunction("s => document.getElementById('pipeline-status').textContent.includes(s + ' done')",
                        service);
            }
            GatewayListening.send(kafka, "pipeline-failures", id.toString(), EventCodec.toJson(FailureEvent.of(id, "synthesis-audio",
                    Artifact.TEXT_TRANSLATED.key(id), "espeak-ng produced no audio for this text", false)));
            Locator failed = page.locator("#diagram [data-service=synthesis-audio].failed");
            failed.waitFor();
            assertEquals("failed: espeak-ng produced no audio for this text", failed.locator(".state").textContent());
            page.waitForFunction("() => getComputedStyle(document.querySelector('[data-service=synthesis-audio]'))"
                    + ".borderTopColor === 'rgb(164, 22, 26)'"); // red, once its transition is over
        }
        String waterfall = page.locator("#waterfall").textContent();
        assertTrue(waterfall.contains("transcribe-audio") && waterfall.contains("input-audios at +0.0 s, waited"),
                waterfall);
        assertTrue(page.locator("#waterfall [data-service=synthesis-audio] .figures").textContent()
                .contains(": espeak-ng produced no audio for this text"), "the failed stage's bar says why");
        assertWaterfallSplitsTheStagesTime(page);
        page.locator("#services tr[data-service=gateway] td.health.up").waitFor(); // the services panel
        assertEquals(Topology.SERVICES.stream().map(Topology.Service::name).toList(),
                page.locator("#services tbody th").allTextContents());
        assertTrue(page.locator("#services tr[data-service=transcribe-audio] td.health.down").textContent()
                .startsWith("not ready"), "a stage that does not run is not ready");
        assertEquals(1, page.locator("#waterfall .work.failed").count());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("picture-desktop.png")).setFullPage(true));
        waterfallShot(page, "waterfall-desktop.png");
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("picture-phone.png")).setFullPage(true));
        waterfallShot(page, "waterfall-phone.png");
        assertEquals("column", page.evaluate("getComputedStyle(document.getElementById('diagram')).flexDirection"),
                "the picture is a column on a phone");
        assertTrue((Integer) page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing wider than a phone");
        page.close();
    }

    /**
     * The three stages played with timings have their wait, engine and store segments, in proportion and with
     * their figures; the one played without has a single bar, and the failed one a red bar.
     */
    private static void assertWaterfallSplitsTheStagesTime(Page page) {
        assertEquals(3, page.locator("#waterfall .wait").count(), "a wait per stage with timings");
        assertEquals(3, page.locator("#waterfall .engine").count());
        assertEquals(3, page.locator("#waterfall .rest").count());
        assertEquals(1, page.locator("#waterfall .work.done").count(), "the stage without timings is not split");
        assertTrue(page.locator("#waterfall [data-service=synthesis-audio-en] .figures").textContent()
                .contains("(not split)"));
        for (String service : List.of("transcribe-audio", "generate-text", "translate-text")) {
            Locator row = page.locator("#waterfall [data-service=" + service + "]");
            String figures = row.locator(".figures").textContent();
            Matcher split = Pattern.compile(
                    "at \\+\\d+\\.\\d s, waited (\\d+) ms, engine 150 ms, store 100 ms, [a-z-]+ at \\+\\d+\\.\\d s")
                    .matcher(figures);
            assertTrue(split.find(), figures);
            assertTrue(Integer.parseInt(split.group(1)) >= 50, "the wait since the input's event: " + figures);
            assertEquals("engine 150 ms", row.locator(".engine").getAttribute("title"));
            assertEquals("store 100 ms", row.locator(".rest").getAttribute("title"));
            assertTrue(row.locator(".wait").getAttribute("title").startsWith("wait "));
            double engine = row.locator(".engine").boundingBox().width;
            double store = row.locator(".rest").boundingBox().width;
            assertTrue(engine > 0 && Math.abs(engine / store - 1.5) < 0.25,
                    service + ": the engine's bar is 1.5 times the store's: " + engine + " / " + store);
        }
        assertTrue(page.locator("#waterfall-legend").textContent().contains("engine"), "a legend");
    }

    /** The waterfall, its heading and its legend alone. */
    private static void waterfallShot(Page page, String name) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) page.evaluate("() => { const a = document.getElementById('waterfall-title')"
                + ".getBoundingClientRect(); const b = document.getElementById('waterfall').getBoundingClientRect();"
                + " return [a.x, a.y + scrollY, b.right - a.x, b.bottom - a.y]; }");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true)
                .setClip(box.get(0).doubleValue(), box.get(1).doubleValue(), box.get(2).doubleValue(),
                        box.get(3).doubleValue()));
    }

    private void playStage(KafkaCompanion kafka, PromptId id, Artifact artifact, byte[] payload) {
        store.put(artifact.key(id), payload, artifact.contentType());
        GatewayListening.send(kafka, artifact.topic(), id.toString(),
                EventCodec.toJson(PipelineEvent.of(id, artifact, Topology.producerOf(artifact).name(), payload.length)));
    }

    /** Plays a stage that took its input at {@code taken} and ran its engine for {@code engineMillis}. */
    private void playStage(KafkaCompanion kafka, PromptId id, Artifact artifact, byte[] payload, Instant taken,
            Instant time, long engineMillis) {
        store.put(artifact.key(id), payload, artifact.contentType());
        GatewayListening.send(kafka, artifact.topic(), id.toString(), EventCodec.toJson(new PipelineEvent(id, artifact,
                artifact.key(id), Topology.producerOf(artifact).name(), time, payload.length, taken, engineMillis)));
    }

    /** Uploads the clip in the page and returns the new row's prompt. */
    private static PromptId uploadIn(Page page) {
        int rowsBefore = page.locator("#prompts tbody tr").count();
        page.setInputFiles("#file", Clips.SPEECH);
        page.waitForFunction("n => document.querySelectorAll('#prompts tbody tr').length > n", rowsBefore);
        return PromptId.of(page.locator("#prompts tbody tr").first().getAttribute("data-id"));
    }

    private static boolean streamed(Page page, PromptId id) {
        return (Boolean) page.evaluate("id => window.streamed.some(m => m.includes(id))", id.toString());
    }

    @Test
    void twoBrowsersSeeOnlyTheirOwnPromptsAndTheirStreamsCarryOnlyTheirOwnEvents() throws Exception {
        try (BrowserContext aliceBrowser = browser.newContext(); BrowserContext bobBrowser = browser.newContext();
                KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            aliceBrowser.addInitScript(RECORD_STREAM);
            bobBrowser.addInitScript(RECORD_STREAM);
            Page alice = open(aliceBrowser.newPage());
            Page bob = open(bobBrowser.newPage());
            GatewayListening.await(kafka, progress);

            PromptId alices = uploadIn(alice);
            playStage(kafka, alices, Artifact.TEXT_PROMPTS, "alice's words".getBytes(StandardCharsets.UTF_8));
            alice.locator("tr[data-id='" + alices + "'] td[data-artifact=text-prompts].done").waitFor();
            PromptId bobs = uploadIn(bob);
            playStage(kafka, bobs, Artifact.TEXT_PROMPTS, "bob's words".getBytes(StandardCharsets.UTF_8));
            bob.locator("tr[data-id='" + bobs + "'] td[data-artifact=text-prompts].done").waitFor();
            alice.waitForFunction("id => window.streamed.some(m => m.includes(id) && m.includes('text-prompts'))",
                    alices.toString());

            assertTrue(streamed(alice, alices) && streamed(bob, bobs), "each stream carries its own prompt's events");
            assertFalse(streamed(alice, bobs), "alice's stream never carried bob's prompt");
            assertFalse(streamed(bob, alices), "bob's stream never carried alice's prompt");
            for (Page page : List.of(alice, bob)) {
                page.reload();
                page.locator("#prompts[aria-busy=false]").waitFor();
            }
            assertEquals(List.of(alices.toString()), alice.locator("#prompts tbody tr").evaluateAll(
                    "rows => rows.map(r => r.dataset.id)"), "alice lists hers alone");
            assertEquals(List.of(bobs.toString()), bob.locator("#prompts tbody tr").evaluateAll(
                    "rows => rows.map(r => r.dataset.id)"), "bob lists his alone");
        }
    }

    @Test
    void aWavFileCanBeUploadedAndABadOneIsRefusedWithItsReason() throws Exception {
        Page page = open();
        int rowsBefore = page.locator("#prompts tbody tr").count();

        page.setInputFiles("#file", Clips.SPEECH);
        page.waitForFunction("n => document.querySelectorAll('#prompts tbody tr').length > n", rowsBefore);

        Path notWav = Files.writeString(Path.of("target/not-audio.wav"), "this is not audio");
        page.setInputFiles("#file", notWav);
        page.locator("#status.error").waitFor();
        assertEquals("Upload refused: not a WAV file (no RIFF/WAVE header)", page.locator("#status").textContent());
        assertEquals(rowsBefore + 1, page.locator("#prompts tbody tr").count());
        page.close();
    }
}
