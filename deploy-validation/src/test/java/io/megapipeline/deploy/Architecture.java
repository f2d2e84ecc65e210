package io.megapipeline.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the project's ARCHITECTURE.md the deployment files must agree with: service ports, topics, and the
 * input topic of each stage. Kept here as a table (so the checks run without the file) and compared
 * with the file's tables by {@link ArchitectureTest}.
 */
final class Architecture {

    /** Service module to its HTTP port, in pipeline order. */
    static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("gateway", 8080),
            Map.entry("transcribe-audio", 8081),
            Map.entry("generate-text", 8082),
            Map.entry("synthesis-audio-en", 8083),
            Map.entry("translate-text", 8084),
            Map.entry("synthesis-audio", 8085));

    static final List<String> SERVICES = List.of("gateway", "transcribe-audio", "generate-text",
            "synthesis-audio-en", "translate-text", "synthesis-audio");

    /** Stage to the topic it consumes (its consumer group is the stage's name). */
    static final Map<String, String> STAGE_INPUT = Map.of(
            "transcribe-audio", "input-audios",
            "generate-text", "text-prompts",
            "synthesis-audio-en", "text-paragraphs",
            "translate-text", "text-paragraphs",
            "synthesis-audio", "text-translated");

    static final List<String> TOPICS = List.of("input-audios", "text-prompts", "text-paragraphs", "text-audios",
            "text-translated", "output-audios", "pipeline-failures");

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
