package io.megapipeline.monolith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.Topology;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The monolith's broker. The gateway and the stages send every event on {@code pipeline-events}, as they do in
 * the microservices; here no connector takes that channel: this router does, and passes each event in memory
 * to the input channel of every stage that reads its topic (each named for its stage, as in the
 * {@link Topology}) and to the gateway's {@code pipeline-progress}. Nothing else differs from the
 * microservices: the payloads still go through the object store, and each stage runs on the same skeleton.
 *
 * <p>
 * Events waiting for a stage are held in memory, at most {@value #WAITING} per stage: past that the router
 * refuses the event, which its sender retries with backoff as it would a broker that does not answer. Events
 * in memory are lost with the process; the store keeps every artifact.
 */
@ApplicationScoped
public class InMemoryEventRouter {

    /** Events a stage may have waiting: a few hundred bytes each. */
    static final int WAITING = 10_000;

    @Inject
    @Channel("transcribe-audio")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> transcribeAudio;

    @Inject
    @Channel("generate-text")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> generateText;

    @Inject
    @Channel("synthesis-audio-en")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> synthesisAudioEn;

    @Inject
    @Channel("translate-text")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> translateText;

    @Inject
    @Channel("synthesis-audio")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> synthesisAudio;

    @Inject
    @Channel("pipeline-progress")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WAITING)
    Emitter<String> progress;

    private Map<String, Emitter<String>> stageInputs;

    @PostConstruct
    void checkEveryStageHasAnInput() {
        stageInputs = Map.of("transcribe-audio", transcribeAudio, "generate-text", generateText,
                "synthesis-audio-en", synthesisAudioEn, "translate-text", translateText, "synthesis-audio", synthesisAudio);
        List<String> stages = Topology.stages().stream().map(Topology.Service::name).toList();
        if (!stageInputs.keySet().containsAll(stages) || stageInputs.size() != stages.size()) {
            throw new IllegalStateException("the router's stage inputs " + stageInputs.keySet()
                    + " are not the topology's stages " + stages);
        }
    }

    @Incoming("pipeline-events")
    public CompletionStage<Void> route(Message<String> event) {
        OutgoingKafkaRecordMetadata<?> sent = event.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("an event with no topic: " + event.getPayload()));
        try {
            for (Topology.Service stage : Artifact.find(sent.getTopic()).map(Topology::consumersOf).orElse(List.of())) {
                stageInputs.get(stage.name()).send(event.getPayload());
            }
            // The gateway tells the kinds of event apart by their topic, as it does for Kafka's records.
            progress.send(Message.of(event.getPayload()).addMetadata(sent));
        } catch (RuntimeException e) {
            // A stage's queue is full: the sender's publish fails and is retried (a stage that got the event
            // twice finds its output made and only announces it again).
            return event.nack(e);
        }
        return event.ack();
    }
}
