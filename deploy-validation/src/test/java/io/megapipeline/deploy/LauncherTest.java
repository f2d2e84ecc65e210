package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The launcher's service list is the topology's: the same services and ports, started downstream first. */
class LauncherTest {

    @Test
    void theLocalStackRunsTheTopologysServicesOnTheirPortsDownstreamFirst() {
        Project.Result status = Project.run(Project.ROOT, List.of("env",
                "MEGA_PIPELINE_STATE=" + Project.TARGET.resolve("launcher-state"), "MEGA_PIPELINE_PORT_OFFSET=0",
                "./mega-pipeline", "status"));
        assertEquals(0, status.exitCode(), status.output());
        List<String> rows = status.output().lines().skip(1).map(line -> {
            String[] cells = line.trim().split("\\s+");
            return cells[0] + ":" + cells[cells.length - 1];
        }).toList();

        List<String> expected = new ArrayList<>(List.of("kafka:9092", "s3:9000"));
        List<String> services = new ArrayList<>(Architecture.SERVICES);
        Collections.reverse(services);
        services.forEach(name -> expected.add(name + ":" + Architecture.PORTS.get(name)));
        assertEquals(expected, rows);
    }
}
