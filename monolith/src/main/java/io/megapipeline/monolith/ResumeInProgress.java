package io.megapipeline.monolith;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PipelineEvent;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.stage.EventPublisher;
import io.megapipeline.gateway.PromptCatalog;
import io.quarkus.runtime.StartupEvent;

/**
 * What a broker would deliver again after a crash, the store tells the monolith. Its events live in memory and end
 * with the process, so at start-up every stage's input that has no output yet is announced again, from the prompt
 * list that the gateway rebuilds from the store (deleted prompts are not in it): the prompts that were in progress
 * when the process ended go on from the last artifact they reached. (One that had failed fails again, which gives
 * the gateway its reason back.) Each stage's existence check makes an input announced twice cost nothing.
 */
@ApplicationScoped
class ResumeInProgress {

    private static final Logger LOG = Logger.getLogger(ResumeInProgress.class);

    private final PromptCatalog catalog;
    private final EventPublisher publisher;
    /** After start-up, so that every channel is wired when the first event goes out. */
    private final ExecutorService resuming = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resume-in-progress");
        thread.setDaemon(true);
        return thread;
    });

    ResumeInProgress(PromptCatalog catalog, EventPublisher publisher) {
        this.catalog = catalog;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        resuming.submit(this::resume);
    }

    void resume() {
        try {
            int count = 0;
            for (Map.Entry<PromptId, Map<Artifact, Long>> prompt : catalog.artifacts().entrySet()) {
                Map<Artifact, Long> made = prompt.getValue();
                // An input announced once reaches every stage that reads it.
                for (Artifact input : Topology.stages().stream().map(s -> s.input().orElseThrow()).distinct().toList()) {
                    boolean unfinished = Topology.consumersOf(input).stream().anyMatch(s -> !made.containsKey(s.output()));
                    if (made.containsKey(input) && unfinished) {
                        publisher.publish(PipelineEvent.of(prompt.getKey(), input, Topology.producerOf(input).name(),
                                made.get(input)));
                        count++;
                    }
                }
            }
            if (count > 0) {
                LOG.infof("resumed %d artifacts of prompts left in progress by the last run", count);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot resume the prompts left in progress: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        resuming.shutdownNow();
    }
}
