package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A state directory whose last up was the monolith's: the store and the one process on the gateway's port. */
    @Test
    void theMonolithsStackIsTheStoreAndOneProcess() throws Exception {
        Path state = Files.createDirectories(Project.TARGET.resolve("launcher-monolith-state"));
        Files.writeString(state.resolve("mode"), "monolith\n");
        Project.Result status = Project.run(Project.ROOT, List.of("env", "MEGA_PIPELINE_STATE=" + state,
                "MEGA_PIPELINE_PORT_OFFSET=0", "./mega-pipeline", "status"));
        assertEquals(0, status.exitCode(), status.output());
        List<String> rows = status.output().lines().skip(1).map(line -> {
            String[] cells = line.trim().split("\\s+");
            return cells[0] + ":" + cells[cells.length - 1];
        }).toList();
        assertEquals(List.of("s3:9000", "monolith:" + Architecture.PORTS.get("gateway")), rows);

        Project.Result stop = Project.run(Project.ROOT, List.of("env", "MEGA_PIPELINE_STATE=" + state,
                "./mega-pipeline", "stop", "translate-text"));
        assertEquals(1, stop.exitCode(), stop.output());
        assertTrue(stop.output().contains("no process 'translate-text' in the monolith stack: use s3 monolith"),
                stop.output());
    }
}
