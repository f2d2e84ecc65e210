package io.megapipeline.synthesis.en;

import io.megapipeline.core.stage.StageHealthTestBase;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class HealthTest extends StageHealthTestBase {
}
