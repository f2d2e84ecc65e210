package io.megapipeline.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.megapipeline.core.Topology;
import io.megapipeline.core.Topology.Service;

/**
 * What the deployment files must agree with: service ports, topics, and the input topic of each stage,
 * taken from the topology that pipeline-core declares ({@link Topology}). {@link ArchitectureTest}
 * checks that the project's ARCHITECTURE.md states the same in its tables.
 */
final class Architecture {

    /** Service module to its HTTP port, in pipeline order. */
    static final Map<String, Integer> PORTS = Topology.SERVICES.stream().collect(Collectors.toMap(
            Service::name, Service::port, (a, b) -> a, LinkedHashMap::new));

    static final List<String> SERVICES = Topology.SERVICES.stream().map(Service::name).toList();

    /** Stage to the topic it consumes (its consumer group is the stage's name). */
    static final Map<String, String> STAGE_INPUT = Topology.stages().stream().collect(Collectors.toMap(
            Service::name, s -> s.input().orElseThrow().topic(), (a, b) -> a, LinkedHashMap::new));

    static final List<String> TOPICS = Topology.topics();

    static final Path FILE = Project.ROOT.resolve("ARCHITECTURE.md");

    private Architecture() {
    }

    /** The rows of the markdown tables of a document: cells of each row, header and rule rows left out. */
    static List<List<String>> tableRows(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("|") && !line.startsWith("| ---"))
                .map(line -> List.of(line.substring(1, line.lastIndexOf('|')).split("\\|")).stream()
                        .map(String::strip).toList())
                .toList();
    }

    /** Ports of the services table: a row whose first cell is a module and whose third is a number. */
    static Map<String, Integer> portsIn(String markdown) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (List<String> row : tableRows(markdown)) {
            if (row.size() >= 3 && row.get(2).matches("\\d{2,5}")) {
                ports.put(row.get(0), Integer.parseInt(row.get(2)));
            }
        }
        return ports;
    }

    /** Artifacts of the artifacts table: a row whose second cell is an object key or "(none)". */
    static Set<String> topicsIn(String markdown) {
        Set<String> topics = new LinkedHashSet<>();
        for (List<String> row : tableRows(markdown)) {
            if (row.size() >= 4 && (row.get(1).startsWith(row.get(0) + "/") || row.get(1).equals("(none)"))) {
                topics.add(row.get(0));
            }
        }
        return topics;
    }

    /** Stage to input topic from the artifacts table's "consumed by" column (the gateway is no stage). */
    static Map<String, String> stageInputsIn(String markdown) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (List<String> row : tableRows(markdown)) {
            if (row.size() >= 4 && row.get(1).startsWith(row.get(0) + "/")) {
                for (String consumer : row.get(3).split(",")) {
                    if (!consumer.isBlank() && !consumer.strip().equals("gateway")) {
                        inputs.put(consumer.strip(), row.get(0));
                    }
                }
            }
        }
        return inputs;
    }
}
