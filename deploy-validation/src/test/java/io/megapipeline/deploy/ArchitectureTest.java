package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table these checks use is the one ARCHITECTURE.md states. */
class ArchitectureTest {

    @Test
    void portsTopicsAndStageInputsMatchArchitectureMd() {
        String markdown = Project.read(Architecture.FILE);
        assertEquals(Architecture.PORTS, Architecture.portsIn(markdown));
        assertEquals(Architecture.TOPICS, List.copyOf(Architecture.topicsIn(markdown)));
        assertEquals(Architecture.STAGE_INPUT, Map.copyOf(Architecture.stageInputsIn(markdown)));
    }

    @Test
    void theTableReaderFindsAChangedPort() {
        String markdown = """
                | module | role | local HTTP port | engine |
                | --- | --- | --- | --- |
                | gateway | the entry | 9999 | — |
                | frontend | the app | served by gateway | — |
                """;
        assertEquals(Map.of("gateway", 9999), Architecture.portsIn(markdown));
    }
}
