package io.megapipeline.gateway;

import static io.megapipeline.testing.RiffFiles.ascii;
import static io.megapipeline.testing.RiffFiles.chunk;
import static io.megapipeline.testing.RiffFiles.extensibleFormat;
import static io.megapipeline.testing.RiffFiles.format;
import static io.megapipeline.testing.RiffFiles.riff;
import static io.megapipeline.testing.RiffFiles.unpadded;
import static io.megapipeline.testing.RiffFiles.withInt;
import static io.megapipeline.testing.RiffFiles.withShort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.megapipeline.core.PromptId;
import io.megapipeline.core.store.ObjectStore;
import io.megapipeline.core.store.StoredObject;
import io.megapipeline.gateway.RawHttp.Answer;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Crafted hostile requests: broken and disguised WAVs, wrong content types, abused multipart forms, and
 * path tricks in every URL that takes an id or an artifact. Each one must get a 4xx (with a problem
 * body saying why wherever the gateway itself answers), store nothing, and leave the gateway ready.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class HostileRequestTest {

    private static final byte[] FMT = format(1, 1, 16_000, 32_000, 2, 16);
    private static final byte[] SAMPLES = Arrays.copyOfRange(Clips.speech(), 44, Clips.speech().length);
    /** The valid 16 kHz mono clip the WAV cases damage: a 44-byte header, then the samples. */
    private static final byte[] CLIP = riff("WAVE", chunk("fmt ", FMT), chunk("data", SAMPLES));
    private static final int MB = 1024 * 1024;

    /** Status codes seen, over every case of the class. */
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
    private static int cases;
    private static int stored;
    private static String existingId;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URI base;

    /** An upload and how it must be refused: the status and a part of the reason (null: Quarkus answers). */
    enum Upload {
        EMPTY_BODY(400, "the audio is empty", wav(new byte[0])),
        RIFX(415, "RIFX files are not supported", wav(with(CLIP, 0, "RIFX"))),
        RF64(415, "RF64 files are not supported", wav(with(CLIP, 0, "RF64"))),
        RIFF_AVI(415, "not a WAV file", wav(riff("AVI ", chunk("LIST", new byte[64])))),
        ID3_MP3(415, "not a WAV file", wav(concat(ascii("ID3\u0004\0\0\0\0\0\u0017"), new byte[400]))),
        TEXT_AS_WAV(415, "not a WAV file", wav(ascii("this is not audio at all, only words"))),
        ELEVEN_BYTES(400, "11 bytes is too short for a RIFF header", wav(Arrays.copyOf(CLIP, 11))),
        FMT_CHUNK_CUT(400, "truncated WAV: chunk 'fmt ' declares 16 bytes but only 6 follow",
                wav(withInt(Arrays.copyOf(CLIP, 26), 4, 18))),
        RIFF_SIZE_NEGATIVE(400, "truncated WAV: the header declares 4294967303 bytes", wav(withInt(CLIP, 4, -1))),
        RIFF_SIZE_TOO_SMALL(400, "inconsistent WAV: the header declares 12 bytes", wav(withInt(CLIP, 4, 4))),
        DATA_SIZE_NEGATIVE(400, "truncated WAV: chunk 'data' declares 4294967295 bytes", wav(withInt(CLIP, 40, -1))),
        DATA_SIZE_ABSURD(400, "truncated WAV: chunk 'data' declares 2147483647 bytes",
                wav(withInt(CLIP, 40, Integer.MAX_VALUE))),
        FMT_SIZE_BEYOND_BODY(400, "truncated WAV: chunk 'fmt ' declares 1000000 bytes", wav(withInt(CLIP, 16, 1_000_000))),
        FMT_SIZE_TOO_SMALL(400, "WAV 'fmt ' chunk is 4 bytes, at least 16 expected",
                wav(riff("WAVE", chunk("fmt ", new byte[4]), chunk("data", SAMPLES)))),
        ZERO_CHANNELS(400, "WAV declares 0 channels", wav(withShort(CLIP, 22, 0))),
        HUNDRED_CHANNELS(400, "WAV declares 100 channels", wav(withShort(CLIP, 22, 100))),
        ZERO_SAMPLE_RATE(400, "WAV sample rate 0 Hz is outside", wav(withInt(CLIP, 24, 0))),
        ABSURD_SAMPLE_RATE(400, "WAV sample rate 2147483647 Hz is outside", wav(withInt(CLIP, 24, Integer.MAX_VALUE))),
        ABSURD_BYTE_RATE(400, "inconsistent WAV header: block align 2 and byte rate 4294967295", wav(withInt(CLIP, 28, -1))),
        ZERO_BYTE_RATE(400, "inconsistent WAV header: block align 2 and byte rate 0", wav(withInt(CLIP, 28, 0))),
        ABSURD_BLOCK_ALIGN(400, "inconsistent WAV header: block align 65535", wav(withShort(CLIP, 32, 0xFFFF))),
        EIGHT_BITS(415, "8-bit PCM is not supported", wav(withShort(CLIP, 34, 8))),
        TWENTY_FOUR_BITS(415, "24-bit PCM is not supported", wav(withShort(CLIP, 34, 24))),
        THIRTY_TWO_BITS(415, "32-bit PCM is not supported", wav(withShort(CLIP, 34, 32))),
        IEEE_FLOAT(415, "WAV format IEEE float is not supported",
                wav(riff("WAVE", chunk("fmt ", format(3, 1, 16_000, 64_000, 4, 32)), chunk("data", SAMPLES)))),
        ADPCM(415, "WAV format ADPCM is not supported", wav(withShort(CLIP, 20, 2))),
        EXTENSIBLE_FLOAT(415, "WAV format IEEE float is not supported",
                wav(riff("WAVE", chunk("fmt ", extensibleFormat(3, 1, 16_000, 32)), chunk("data", SAMPLES)))),
        EXTENSIBLE_TOO_SHORT(415, "WAV format tag 65534 is not supported",
                wav(riff("WAVE", chunk("fmt ", format(0xFFFE, 1, 16_000, 32_000, 2, 16)), chunk("data", SAMPLES)))),
        NO_DATA_CHUNK(400, "WAV has no 'data' chunk", wav(riff("WAVE", chunk("fmt ", FMT)))),
        NO_FMT_CHUNK(400, "WAV has its 'data' chunk before the 'fmt ' chunk", wav(riff("WAVE", chunk("data", SAMPLES)))),
        FMT_AFTER_DATA(400, "WAV has its 'data' chunk before the 'fmt ' chunk",
                wav(riff("WAVE", chunk("data", SAMPLES), chunk("fmt ", FMT)))),
        TWO_FMT_CHUNKS(400, "WAV has more than one 'fmt ' chunk",
                wav(riff("WAVE", chunk("fmt ", FMT), chunk("fmt ", format(1, 2, 8_000, 32_000, 4, 16)),
                        chunk("data", SAMPLES)))),
        TWO_DATA_CHUNKS(400, "WAV has more than one 'data' chunk",
                wav(riff("WAVE", chunk("fmt ", FMT), chunk("data", SAMPLES), chunk("data", SAMPLES)))),
        NESTED_RIFF(400, "WAV has no 'fmt ' chunk", wav(riff("WAVE", chunk("RIFF", Arrays.copyOfRange(CLIP, 8, CLIP.length))))),
        ODD_CHUNK_WITHOUT_PADDING(400, "truncated WAV", wav(riff("WAVE", unpadded("junk", new byte[3]), chunk("fmt ", FMT),
                chunk("data", SAMPLES)))),
        ODD_DATA_SIZE(400, "data bytes is not a whole number of 2-byte frames",
                wav(riff("WAVE", chunk("fmt ", FMT), chunk("data", Arrays.copyOf(SAMPLES, 1001))))),
        SEVENTY_CHUNKS(400, "WAV has more than 64 chunks", wav(riff("WAVE", Stream.concat(
                Stream.generate(() -> chunk("junk", new byte[2])).limit(70), Stream.of(chunk("fmt ", FMT),
                        chunk("data", SAMPLES))).toArray(byte[][]::new)))),
        NO_SAMPLES(400, "the WAV has no samples", wav(riff("WAVE", chunk("fmt ", FMT), chunk("data", new byte[0])))),
        SIXTY_ONE_SECONDS(413, "the audio is 61.0 s long; the limit is 60 s",
                wav(riff("WAVE", chunk("fmt ", FMT), chunk("data", new byte[61 * 32_000])))),
        SIXTY_SECONDS_DECLARED_AT_A_LOW_BYTE_RATE(413, "the limit is 60 s", wav(
                riff("WAVE", chunk("fmt ", format(1, 1, 8_000, 16_000, 2, 16)), chunk("data", new byte[61 * 16_000])))),
        DECLARED_OVER_TEN_MB(413, "the upload is 12.0 MB; the limit is 10.0 MB", http -> http.sendRaw(
                "POST /api/prompts HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nContent-Length: "
                        + 12 * MB + "\r\n\r\n", Arrays.copyOf(CLIP, 1000))),
        OVER_TEN_MB(413, "the limit is 10.0 MB", wav(Arrays.copyOf(CLIP, 10 * MB + 1))),
        CHUNKED_OVER_TEN_MB(413, "the limit is 10.0 MB", http -> http.sendChunked("/api/prompts", "audio/wav",
                Arrays.copyOf(CLIP, 10 * MB + 1))),
        CHUNKED_OVER_THE_BODY_LIMIT(0, null, http -> http.sendChunked("/api/prompts", "audio/wav",
                Arrays.copyOf(CLIP, 12 * MB))),
        TEXT_PLAIN(415, "Content-Type 'text/plain' is not accepted", body("text/plain", CLIP)),
        APPLICATION_JSON(415, "Content-Type 'application/json' is not accepted", body("application/json", CLIP)),
        OCTET_STREAM(415, "is not accepted", body("application/octet-stream", CLIP)),
        NO_CONTENT_TYPE(415, "the request has no Content-Type", body(null, CLIP)),
        MULTIPART_WITHOUT_FILE(400, "the form has no field 'file' with the WAV",
                form("b", part("other", "prompt.wav", "audio/wav", CLIP))),
        MULTIPART_TWO_FILES(400, "the form has 2 fields 'file'", form("b", part("file", "a.wav", "audio/wav", CLIP),
                part("file", "b.wav", "audio/wav", CLIP))),
        MULTIPART_EMPTY_FILE(400, "the audio is empty", form("b", part("file", "prompt.wav", "audio/wav", new byte[0]))),
        MULTIPART_FILE_AS_TEXT_FIELD(400, "the form has no field 'file' with the WAV",
                form("b", part("file", null, null, ascii("RIFF")))),
        MULTIPART_TEXT_PART(415, "the form's file is 'text/plain'",
                form("b", part("file", "prompt.txt", "text/plain", ascii("hello")))),
        MULTIPART_JSON_PART_WITH_A_WAV(415, "the form's file is 'application/json'",
                form("b", part("file", "prompt.json", "application/json", CLIP))),
        MULTIPART_BAD_WAV(415, "not a WAV file", form("b", part("file", "prompt.wav", "audio/wav", ascii("ID3 not a wav")))),
        MULTIPART_LONG_BOUNDARY(400, "the multipart boundary has 2000 characters; at most 70 are allowed", form("x".repeat(2_000), part("file", "prompt.wav", "audio/wav", CLIP))),
        MULTIPART_HUGE_BOUNDARY(431, null, form("x".repeat(100_000), part("file", "prompt.wav", "audio/wav", CLIP))),
        MULTIPART_NO_BOUNDARY(400, "the Content-Type multipart/form-data has no boundary", body("multipart/form-data", multipart("b", part("file", "a.wav", "audio/wav", CLIP)))),
        MULTIPART_WRONG_BOUNDARY(400, "the request body could not be read",
                body("multipart/form-data; boundary=other", multipart("b", part("file", "a.wav", "audio/wav", CLIP)))),
        MULTIPART_UNTERMINATED(400, "the request body could not be read", body("multipart/form-data; boundary=b", Arrays.copyOf(
                multipart("b", part("file", "a.wav", "audio/wav", CLIP)), CLIP.length / 2))),
        MULTIPART_THOUSAND_FILES(400, "the form has 1000 fields 'file': send one WAV", form("b", Stream.generate(
                () -> part("file", "a.wav", "audio/wav", Arrays.copyOf(CLIP, 100))).limit(1000).toArray(Part[]::new))),
        MULTIPART_GARBAGE(400, "the multipart/form-data body is malformed", body("multipart/form-data; boundary=b", ascii("--b\r\n\r\n\r\n--b\r\nx\r\n"))),
        MATRIX_PARAMETER_WITH_A_WAV(400, "the audio is empty", http -> http.send("POST", "/api/prompts;x=1", "audio/wav",
                new byte[0])),
        MATRIX_PARAMETER_ON_THE_UPLOAD_PATH(413, "the limit is 10.0 MB", http -> http.sendRaw(
                "POST /api/prompts;x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nContent-Length: "
                        + 12 * MB + "\r\n\r\n", Arrays.copyOf(CLIP, 1000)));

        final int status;
        final String reason;
        final Function<RawHttp, Answer> send;

        Upload(int status, String reason, Function<RawHttp, Answer> send) {
            this.status = status;
            this.reason = reason;
            this.send = send;
        }
    }

    /** A prompt id that must be refused, as it appears in a URL path. */
    enum BadId {
        TRAVERSAL("..%2F..%2Finput-audios", "malformed prompt id"),
        DOTS("..", "the path has a '..' segment"),
        ENCODED_DOTS("%2e%2e", "the path has a '..' segment"),
        MIXED_DOTS(".%2E", "the path has a '..' segment"),
        ONE_DOT("%2e", "the path has a '.' segment"),
        ENCODED_DOTS_IN_AN_ID("%2e%2e%2F" + valid().substring(3), "malformed prompt id"),
        UPPER_CASE(valid().toUpperCase(Locale.ROOT), "has characters outside"),
        TWENTY_SEVEN_CHARACTERS(valid() + "0", "must have 26 characters, not 27"),
        TWENTY_FIVE_CHARACTERS(valid().substring(1), "must have 26 characters, not 25"),
        FULLWIDTH_DIGITS(encode("\uff10\uff11" + valid().substring(2)), "has characters outside"),
        CYRILLIC_HOMOGLYPH(encode(valid().substring(0, 25) + "\u0430"), "has characters outside"),
        COMBINING_ACCENT(encode(valid().substring(0, 25) + "e\u0301"), "must have 26 characters, not 27"),
        PERCENT_NUL(valid().substring(0, 25) + "%00", "has characters outside"),
        RAW_NUL(valid().substring(0, 25) + "\0", null),
        OVERLONG_UTF8_DOTS("%C0%AE%C0%AE" + valid().substring(2), "malformed prompt id"),
        OBJECT_KEY("input-audios%2F" + valid() + ".wav", "malformed prompt id"),
        WAV_SUFFIX(valid() + ".wav", "must have 26 characters, not 30"),
        TRAILING_SPACE(valid() + "%20", "must have 26 characters, not 27"),
        TWO_THOUSAND_CHARACTERS("0".repeat(2000), "must have 26 characters, not 2000");

        final String path;
        final String reason;

        BadId(String path, String reason) {
            this.path = path;
            this.reason = reason;
        }
    }

    /** Every URL that takes a prompt id. */
    enum IdUrl {
        GET_PROMPT("GET", "/api/prompts/%s"),
        DELETE_PROMPT("DELETE", "/api/prompts/%s"),
        GET_AUDIO("GET", "/api/prompts/%s/audio/input-audios");

        final String method;
        final String template;

        IdUrl(String method, String template) {
            this.method = method;
            this.template = template;
        }
    }

    /** An artifact name that must not be served as audio, for a prompt that exists. */
    enum BadArtifact {
        TRAVERSAL(404, "..%2Finput-audios", "is not an audio artifact"),
        TRAVERSAL_TO_THE_SAME_FOLDER(404, "..%2F..%2Finput-audios%2F", "is not an audio artifact"),
        TEXT_PROMPTS(404, "text-prompts", "'text-prompts' is not an audio artifact"),
        TEXT_TRANSLATED(404, "text-translated", "is not an audio artifact"),
        PIPELINE_FAILURES(404, "pipeline-failures", "is not an audio artifact"),
        DOTS(400, "..", "the path has a '..' segment"),
        ENCODED_DOTS(400, "%2e%2e", "the path has a '..' segment"),
        DOTS_THEN_AN_ARTIFACT(400, "../../{id}/audio/input-audios", "the path has a '..' segment"),
        UPPER_CASE(404, "INPUT-AUDIOS", "is not an audio artifact"),
        WITH_EXTENSION(404, "input-audios.wav", "is not an audio artifact"),
        PERCENT_NUL(404, "input-audios%00", "is not an audio artifact"),
        FULLWIDTH(404, encode("\uff49nput-audios"), "is not an audio artifact"),
        OBJECT_KEY(404, "input-audios%2F{id}.wav", "is not an audio artifact"),
        EMPTY(404, "", "no API resource at this path");

        final int status;
        final String path;
        final String reason;

        BadArtifact(int status, String path, String reason) {
            this.status = status;
            this.path = path;
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(Upload.class)
    void hostileUploadsAreRefused(Upload upload) {
        check(upload, upload.status, upload.reason, () -> upload.send.apply(http()));
    }

    static Stream<Arguments> idsInEveryUrl() {
        return Stream.of(IdUrl.values()).flatMap(url -> Stream.of(BadId.values()).map(id -> Arguments.of(url, id)));
    }

    @ParameterizedTest
    @MethodSource("idsInEveryUrl")
    void badIdsAreRefusedInEveryUrl(IdUrl url, BadId id) {
        String path = String.format(url.template, id.path);
        check(url + " " + id, id.reason == null ? 0 : 400, id.reason, () -> raw(url.method, path));
    }

    @ParameterizedTest
    @EnumSource(BadArtifact.class)
    void onlyAudioArtifactsAreServed(BadArtifact artifact) {
        String id = existingPrompt();
        String path = "/api/prompts/" + id + "/audio/" + artifact.path.replace("{id}", id);
        check(artifact, artifact.status, artifact.reason, () -> raw("GET", path));
    }

    /** Sends the request, checks the answer, that the store did not change and that the gateway is still ready. */
    private void check(Object label, int status, String reason, java.util.function.Supplier<Answer> request) {
        existingPrompt();
        Set<String> before = keys();
        Answer answer = request.get();
        Set<String> after = keys();

        record(answer.status(), after.size() - before.size());
        assertEquals(before, after, "the store changed");
        assertTrue(answer.status() >= 400 && answer.status() < 500, "4xx expected, got " + answer);
        if (status != 0) {
            assertEquals(status, answer.status(), answer.toString());
        }
        if (reason == null) {
            System.out.printf(Locale.ROOT, "%s: answered by Quarkus itself: %d %s%n", label, answer.status(),
                    answer.body().length() > 120 ? answer.body().substring(0, 120) + "..." : answer.body());
        } else {
            assertTrue(answer.isProblem(), "a problem body expected: " + answer);
            assertNotNull(answer.detail(), answer.toString());
            assertTrue(answer.detail().contains(reason), "'" + reason + "' expected in: " + answer.detail());
        }
        assertEquals(200, http().send("GET", "/q/health/ready", null, null).status(), "the gateway is ready");
    }

    private static synchronized void record(int status, int storedObjects) {
        cases++;
        STATUSES.merge(status, 1, Integer::sum);
        stored += Math.max(0, storedObjects);
    }

    @AfterAll
    static void figures() {
        int fourXx = STATUSES.entrySet().stream().filter(e -> e.getKey() / 100 == 4).mapToInt(Map.Entry::getValue).sum();
        int fiveXx = STATUSES.entrySet().stream().filter(e -> e.getKey() / 100 == 5).mapToInt(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "hostile requests: %d cases tried, %d answered 4xx, %d answered 5xx, "
                + "%d objects stored; statuses %s%n", cases, fourXx, fiveXx, stored, STATUSES);
    }

    private Set<String> keys() {
        return store.list("").stream().map(StoredObject::key).collect(Collectors.toSet());
    }

    /** A request line written as it is: no client normalizes its dots or refuses its bytes. */
    private Answer raw(String method, String path) {
        return http().sendRaw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null);
    }

    private RawHttp http() {
        return new RawHttp(base);
    }

    /** One valid prompt, uploaded once, for the artifact cases (and so the store is never empty). */
    private String existingPrompt() {
        if (existingId == null) {
            Answer created = http().send("POST", "/api/prompts", "audio/wav", CLIP);
            assertEquals(201, created.status(), created.toString());
            existingId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            PromptId.of(existingId);
        }
        return existingId;
    }

    // ---- request builders

    private static Function<RawHttp, Answer> wav(byte[] body) {
        return body("audio/wav", body);
    }

    private static Function<RawHttp, Answer> body(String contentType, byte[] body) {
        return http -> http.send("POST", "/api/prompts", contentType, body);
    }

    private record Part(String name, String filename, String contentType, byte[] body) {
    }

    private static Part part(String name, String filename, String contentType, byte[] body) {
        return new Part(name, filename, contentType, body);
    }

    private static Function<RawHttp, Answer> form(String boundary, Part... parts) {
        return body("multipart/form-data; boundary=" + boundary, multipart(boundary, parts));
    }

    private static byte[] multipart(String boundary, Part... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\n"
                    + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n") + "\r\n"));
            out.writeBytes(part.body());
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("--" + boundary + "--\r\n"));
        return out.toByteArray();
    }

    private static byte[] with(byte[] file, int offset, String text) {
        byte[] copy = file.clone();
        System.arraycopy(ascii(text), 0, copy, offset, text.length());
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String valid() {
        return PromptId.generate().toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
