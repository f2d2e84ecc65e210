package io.megapipeline.core.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.PromptId;
import io.megapipeline.core.Topology;
import io.megapipeline.core.store.ObjectStore;
import io.quarkus.arc.Arc;

/**
 * What every stage's Kafka test shares: the stage under test (the service named by
 * {@code quarkus.application.name} in the {@link Topology}), its store, a {@link StageTestHarness} that
 * plays its neighbours, and the check that it consumes its input in a consumer group named after the
 * service. A stage's test extends this class and carries {@code @QuarkusTest} and the test resources:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(KafkaTestResource.class)
 * &#64;WithTestResource(S3TestResource.class)
 * class TranslateProcessorTest extends StageProcessorTestBase { ... }
 * </pre>
 */
public abstract class StageProcessorTestBase {

    protected Topology.Service service;
    protected ObjectStore store;
    protected StageTestHarness stage;

    @BeforeEach
    void connect() {
        String name = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        service = Topology.service(name).filter(Topology.Service::isStage)
                .orElseThrow(() -> new IllegalStateException(name + " is not a stage of the topology"));
        store = Arc.container().instance(ObjectStore.class).get();
        stage = new StageTestHarness(store, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        stage.close();
    }

    /** The artifact the stage consumes. */
    protected Artifact input() {
        return service.input().orElseThrow();
    }

    /** Stores the payload as the stage's input for a new prompt and announces it as the input's producer would. */
    protected PromptId submit(byte[] payload) {
        return stage.submit(input(), Topology.producerOf(input()).name(), payload);
    }

    @Test
    void theStageConsumesItsInputInAConsumerGroupNamedAfterTheService() {
        ConsumerGroupDescription group = stage.awaitConsumerGroup(service.name(), input().topic());

        assertEquals(service.name(), group.groupId());
    }
}
