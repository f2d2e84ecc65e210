package io.megapipeline.gateway;

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
 * Takes an uploaded prompt: checks it with the same WAV reader transcribe-audio uses, so nothing is
 * stored that the pipeline would refuse, then stores it and announces it on {@code input-audios}.
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

    /** Stores a valid prompt and returns its new id. */
    public PromptId accept(byte[] wav) throws RejectedInputException {
        checkSize(wav.length);
        try {
            Wav.read(wav, limits.maxDuration());
        } catch (RejectedInputException e) {
            throw refused(e);
        }
        PromptId id = PromptId.generate();
        String key = Artifact.INPUT_AUDIOS.key(id);
        store.put(key, wav, Artifact.INPUT_AUDIOS.contentType());
        PipelineEvent event = PipelineEvent.of(id, Artifact.INPUT_AUDIOS, "gateway", wav.length);
        try {
            publisher.publish(event);
        } catch (EventPublisher.PublishFailedException e) {
            store.delete(key); // no stage would ever see it: do not keep a prompt that goes nowhere
            throw e;
        }
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
