package io.megapipeline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.megapipeline.core.Topology.Service;
import io.megapipeline.testing.EmbeddedKafka;

class TopologyTest {

    @Test
    void everyArtifactIsMadeByExactlyOneServiceAndEveryInputEarlierInTheOrder() {
        for (Artifact artifact : Artifact.values()) {
            assertEquals(1, Topology.SERVICES.stream().filter(s -> s.output() == artifact).count(), artifact.toString());
        }
        Set<Artifact> made = new HashSet<>();
        for (Service service : Topology.SERVICES) {
            service.input().ifPresent(input -> assertTrue(made.contains(input), service.name() + " comes before " + input));
            made.add(service.output());
        }
    }

    @Test
    void namesAndPortsAreUniqueAndTheGatewayIsTheOnlyEntry() {
        assertEquals(Topology.SERVICES.size(), Topology.SERVICES.stream().map(Service::name).distinct().count());
        assertEquals(Topology.SERVICES.size(), Topology.SERVICES.stream().map(Service::port).distinct().count());
        assertEquals(List.of("gateway"), Topology.SERVICES.stream().filter(s -> !s.isStage()).map(Service::name).toList());
    }

    @Test
    void theTestBrokerMakesEveryTopicOfTheTopology() {
        assertEquals(Topology.topics(), EmbeddedKafka.PIPELINE_TOPICS);
    }

    @Test
    void producersConsumersAndTopics() {
        assertEquals("generate-text", Topology.producerOf(Artifact.TEXT_PARAGRAPHS).name());
        assertEquals(List.of("synthesis-audio-en", "translate-text"),
                Topology.consumersOf(Artifact.TEXT_PARAGRAPHS).stream().map(Service::name).toList());
        assertEquals(List.of(), Topology.consumersOf(Artifact.OUTPUT_AUDIOS));
        List<String> topics = Topology.topics();
        assertEquals(Artifact.values().length + 2, topics.size());
        assertTrue(topics.containsAll(Arrays.stream(Artifact.values()).map(Artifact::topic).toList()));
        assertEquals(List.of(Artifact.FAILURES_TOPIC, DeletionEvent.TOPIC), topics.subList(topics.size() - 2, topics.size()));
    }
}
