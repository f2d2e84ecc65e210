package io.megapipeline.core.stage;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** A stage for the skeleton's tests: upper-cases text prompts, counting the engine calls per prompt. */
@ApplicationScoped
public class UppercaseProcessor {

    private final Map<PromptId, AtomicInteger> engineCalls = new ConcurrentHashMap<>();

    private final StageRunner runner;

    UppercaseProcessor(StageRunner runner) {
        this.runner = runner;
    }

    int engineCalls(PromptId id) {
        AtomicInteger calls = engineCalls.get(id);
        return calls == null ? 0 : calls.get();
    }

    @Incoming("text-prompts")
    @Blocking(value = StageRunner.WORKERS, ordered = false)
    public void process(String event) {
        runner.process(event, Artifact.TEXT_PROMPTS, Artifact.TEXT_PARAGRAPHS, (id, input) -> {
            engineCalls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return Texts.encode(Texts.decode(input).toUpperCase(Locale.ROOT));
        });
    }
}
