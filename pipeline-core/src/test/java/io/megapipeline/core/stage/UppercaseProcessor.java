package io.megapipeline.core.stage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** A stage for the skeleton's tests: upper-cases text prompts, counting the engine calls per prompt. */
@ApplicationScoped
public class UppercaseProcessor {

    /** A stage of the tests only, so not in the topology. */
    static final Topology.Service STAGE = new Topology.Service("uppercase-stage", 0, Optional.of(Artifact.TEXT_PROMPTS),
            Artifact.TEXT_PARAGRAPHS);

    private final Map<PromptId, AtomicInteger> engineCalls = new ConcurrentHashMap<>();

    /** A prompt text starting with this finds the engine busy on its first two tries. */
    static final String BUSY = "busy";

    /** A prompt text starting with this keeps the engine busy for {@link #SLOW_MILLIS}. */
    static final String SLOW = "slow";
    static final long SLOW_MILLIS = 300;

    private final StageRunner runner;
    /** A prompt text on which the engine throws an Error, which no stage handles: it stops the channel. */
    private final Optional<String> crashOn;

    UppercaseProcessor(StageRunner runner, @ConfigProperty(name = "uppercase.crash-on") Optional<String> crashOn) {
        this.runner = runner;
        this.crashOn = crashOn;
    }

    int engineCalls(PromptId id) {
        AtomicInteger calls = engineCalls.get(id);
        return calls == null ? 0 : calls.get();
    }

    @Incoming("text-prompts")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, STAGE, (id, input) -> {
            int call = engineCalls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (Texts.decode(input).startsWith(BUSY) && call <= 2) {
                throw new EngineBusyException("the engine has no free slot");
            }
            if (Texts.decode(input).startsWith(SLOW)) {
                sleep(SLOW_MILLIS);
            }
            if (crashOn.filter(Texts.decode(input)::equals).isPresent()) {
                throw new AssertionError("the engine crashed");
            }
            return Texts.encode(Texts.decode(input).toUpperCase(Locale.ROOT));
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
