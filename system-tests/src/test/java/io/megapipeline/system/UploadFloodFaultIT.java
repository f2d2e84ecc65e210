package io.megapipeline.system;

import static io.megapipeline.system.FaultStack.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.megapipeline.core.audio.PcmAudio;
import io.megapipeline.core.audio.Wav;

/**
 * A flood of large uploads against the gateway with the heap it has in the stack (256 MB): 100 uploads of
 * 10 MB at once (52 s at 48 kHz stereo), 10 from each of 10 loopback addresses, so that every client
 * stays inside its rate limit and only the cap on uploads in progress stands between the flood and the
 * heap. The gateway stays up; each upload is accepted (201) or refused with a reason (429, 503); every
 * accepted prompt completes.
 */
@ExtendWith(FaultStack.class)
class UploadFloodFaultIT {

    private static final int CLIENTS = 10;
    private static final int UPLOADS_PER_CLIENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer as the socket saw it: the status (0: none), Retry-After, the body. */
    record Answer(int status, String retryAfter, String body) {

        String reason() {
            try {
                return JSON.readTree(body).path("detail").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    @Test
    void theGatewayStaysUpAndEveryUploadIsAcceptedOrRefusedWithAReason() throws Exception {
        byte[] wav = longStereoPrompt();
        HeapSampler heap = new HeapSampler();
        heap.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS * UPLOADS_PER_CLIENT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            String address = "127.0.0." + (2 + c);
            for (int u = 0; u < UPLOADS_PER_CLIENT; u++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return upload(address, wav);
                }));
            }
        }
        go.countDown();
        List<String> accepted = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        List<Answer> unexpected = new ArrayList<>();
        for (Future<Answer> future : answers) {
            Answer answer = future.get();
            if (answer.status() == 201) {
                accepted.add(JSON.readTree(answer.body()).path("id").asText());
            } else if ((answer.status() == 429 || answer.status() == 503) && !answer.reason().isEmpty()
                    && answer.retryAfter() != null) {
                refused.merge(answer.status() + " " + answer.reason().replaceAll("[0-9]+(\\.[0-9]+)? s$", "N s"), 1,
                        Integer::sum);
            } else {
                unexpected.add(answer);
            }
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        heap.stop();

        figure("flood: %d uploads of %.1f MB from %d addresses in %.1f s: %d accepted, refused %s", answers.size(),
                wav.length / 1048576.0, CLIENTS, seconds, accepted.size(), refused);
        figure("flood: gateway heap (-Xmx256m) peak used %.0f MB, peak after a collection %.0f MB, sampled %d times",
                heap.peakUsed.get() / 1048576.0, heap.peakLive.get() / 1048576.0, heap.samples.get());
        assertTrue(unexpected.isEmpty(), "every answer is 201, or 429/503 with a reason and Retry-After: " + unexpected);
        assertTrue(FaultStack.process("gateway").isAlive(), "the gateway is up");
        assertEquals(200, FaultStack.readiness(8080), "the gateway is ready");
        assertFalse(accepted.isEmpty(), "some uploads were accepted");

        long waitStart = System.nanoTime();
        List<JsonNode> listed = FaultStack.awaitFinished(accepted, Duration.ofMinutes(15));
        long completed = listed.stream().filter(p -> accepted.contains(p.path("id").asText()) && FaultStack.complete(p))
                .count();
        figure("flood: %d of %d accepted prompts complete, %.0f s after the flood", completed, accepted.size(),
                (System.nanoTime() - waitStart) / 1e9);
        assertEquals(accepted.size(), completed, "every accepted prompt completes");
    }

    /** 52 s at 48 kHz stereo, just under 10 MB: a sample's speech, then silence (the story stays short). */
    private static byte[] longStereoPrompt() throws Exception {
        PcmAudio speech = Wav.read(Files.readAllBytes(Launcher.ROOT.resolve("samples/made-amiable.wav")),
                Duration.ofMinutes(1)).toMono(48_000);
        short[] stereo = new short[52 * 48_000 * 2];
        for (int i = 0; i < speech.samples().length; i++) {
            stereo[2 * i] = speech.samples()[i];
            stereo[2 * i + 1] = speech.samples()[i];
        }
        return Wav.write(new PcmAudio(48_000, 2, stereo));
    }

    /** One upload over a socket bound to the client's own loopback address, written and read raw. */
    private static Answer upload(String address, byte[] wav) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Launcher.port(8080)), 5_000);
            socket.setSoTimeout(300_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("POST /api/prompts HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nContent-Length: "
                        + wav.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(wav);
                out.flush();
            } catch (IOException e) {
                // refused before the body was read: the answer is already on its way
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(0, null, e.toString());
        }
    }

    /** The answer's status line, headers and body (by Content-Length, else to the end). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0;) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.length() < 12) {
            return new Answer(0, null, "no answer: '" + text + "'");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String length = header(text, "Content-Length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new Answer(status, header(text, "Retry-After"), new String(body, StandardCharsets.UTF_8));
    }

    private static String header(String head, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(\\S+)").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Samples the gateway's heap from its metrics: the used heap (garbage included: the serial collector
     * lets it fill) and the used old generation after a collection has run, the live data.
     */
    private static final class HeapSampler {

        private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");
        private static final Pattern LIVE = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.E+]+)");
        private final HttpClient http = HttpClient.newHttpClient();
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakLive = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    sample();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            sample();
        }

        private void sample() {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(Launcher.GATEWAY_URL + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                double used = 0;
                for (Matcher m = HEAP.matcher(metrics); m.find();) {
                    used += Double.parseDouble(m.group(1));
                }
                Matcher live = LIVE.matcher(metrics);
                peakUsed.accumulateAndGet((long) used, Math::max);
                if (live.find()) {
                    peakLive.accumulateAndGet((long) Double.parseDouble(live.group(1)), Math::max);
                }
                samples.incrementAndGet();
            } catch (IOException e) {
                // a sample missed while the gateway is busy
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
