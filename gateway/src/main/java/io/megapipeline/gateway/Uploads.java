package io.megapipeline.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.audio.Wav;
import io.megapipeline.core.stage.EventPublisher;
import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.RejectedInputException.Kind;
import io.megapipeline.core.store.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes an uploaded prompt: checks its header with the same WAV reader transcribe-audio uses, so nothing
 * is stored that the pipeline would refuse, then stores it and announces it on {@code input-audios}. An
 * upload holds its bytes once, at most {@code gateway.upload.max-size} of them: its samples are never decoded.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);

    private final ObjectStore store;
    private final EventPublisher publisher;
    private final PromptCatalog catalog;
    private final Progress progress;
    private final GatewayConfig.Upload limits;
    private final Counter accepted;
    private final Counter refused;

    Uploads(ObjectStore store, EventPublisher publisher, PromptCatalog catalog, Progress progress, GatewayConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.catalog = catalog;
        this.progress = progress;
        this.limits = config.upload();
        this.accepted = Counter.builder("gateway.uploads").tag("outcome", "accepted").register(registry);
        this.refused = Counter.builder("gateway.uploads").tag("outcome", "refused").register(registry);
    }

    /** Fails fast on a declared size over the limit, before the body is read. */
    public void checkSize(long bytes) throws RejectedInputException {
        if (bytes > limits.maxSize().asLongValue()) {
            throw refused(new RejectedInputException(Kind.TOO_LARGE, tooLarge(bytes, limits.maxSize().asLongValue())));
        }
    }

    static String tooLarge(long bytes, long limit) {
        return String.format(java.util.Locale.ROOT, "the upload is %.1f MB; the limit is %.1f MB",
                bytes / 1048576.0, limit / 1048576.0);
    }

    /**
     * The body of an upload, read into one array: of the declared length when there is one (the size check
     * has passed already), else grown up to one byte past the limit, so that a longer body is refused.
     */
    public byte[] read(InputStream body, long declaredLength) throws RejectedInputException, IOException {
        long limit = limits.maxSize().asLongValue();
        if (declaredLength >= 0) {
            checkSize(declaredLength);
            byte[] bytes = new byte[(int) declaredLength];
            int read = body.readNBytes(bytes, 0, bytes.length);
            return read == bytes.length ? bytes : Arrays.copyOf(bytes, read); // cut short: the WAV check says how
        }
        byte[] bytes = body.readNBytes((int) limit + 1); // chunked: grows as it comes
        checkSize(bytes.length);
        return bytes;
    }

    /** Stores a valid prompt as the owner's and returns its new id. */
    public PromptId accept(byte[] wav, String owner) throws RejectedInputException {
        checkSize(wav.length);
        try {
            Wav.check(wav, limits.maxDuration());
        } catch (RejectedInputException e) {
            throw refused(e);
        }
        PromptId id = PromptId.generate();
        String key = Artifact.INPUT_AUDIOS.key(id);
        String ownerKey = Owners.key(id, owner);
        // The owner first: whoever sees the prompt (another replica, a restart) can find its owner.
        store.put(ownerKey, new byte[0], "application/octet-stream");
        store.put(key, wav, Artifact.INPUT_AUDIOS.contentType());
        PipelineEvent event = PipelineEvent.of(id, Artifact.INPUT_AUDIOS, "gateway", wav.length);
        try {
            publisher.publish(event);
        } catch (EventPublisher.PublishFailedException e) {
            store.delete(key); // no stage would ever see it: do not keep a prompt that goes nowhere
            store.delete(ownerKey);
            throw e;
        }
        catalog.own(id, owner);
        catalog.apply(event); // visible at once, before the event comes back through Kafka
        accepted.increment();
        LOG.infof("prompt %s uploaded (%d bytes)", id, wav.length);
        return id;
    }

    /** Counts the refused upload, once whichever check refused it. */
    private RejectedInputException refused(RejectedInputException e) {
        refused.increment();
        return e;
    }
}
