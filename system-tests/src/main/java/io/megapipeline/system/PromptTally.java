package io.megapipeline.system;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a set of prompts stand, as the gateway shows them: how many made both audios, the English one, the French
 * one, how many failed and why (the first reason given at each stage that failed), and how many wait and at which
 * stages: a stage whose input is made and whose output is neither made nor failed. A prompt that waits at no stage
 * is settled: nothing more will come of it.
 */
record PromptTally(int prompts, int bothAudios, int englishOnly, int frenchOnly, int failed, int waiting,
        Map<String, String> reasons, Map<String, Integer> waitingAt) {

    static final String ENGLISH = "text-audios";
    static final String FRENCH = "output-audios";

    static PromptTally of(List<JsonNode> prompts) {
        int both = 0;
        int english = 0;
        int french = 0;
        int failed = 0;
        int unsettled = 0;
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, Integer> waiting = new LinkedHashMap<>();
        for (JsonNode prompt : prompts) {
            boolean en = done(prompt, ENGLISH);
            boolean fr = done(prompt, FRENCH);
            both += en && fr ? 1 : 0;
            english += en && !fr ? 1 : 0;
            french += fr && !en ? 1 : 0;
            failed += prompt.path("failed").asBoolean() ? 1 : 0;
            for (JsonNode stage : prompt.path("stages")) {
                if (stage.path("state").asText().equals("failed")) {
                    reasons.putIfAbsent(stage.path("stage").asText(), stage.path("reason").asText());
                }
            }
            List<String> at = waitingAt(prompt);
            unsettled += at.isEmpty() ? 0 : 1;
            at.forEach(stage -> waiting.merge(stage, 1, Integer::sum));
        }
        return new PromptTally(prompts.size(), both, english, french, failed, unsettled, reasons, waiting);
    }

    /** The stages a prompt waits at; "gateway" while its upload is not stored. */
    static List<String> waitingAt(JsonNode prompt) {
        List<String> waiting = new ArrayList<>();
        if (!done(prompt, "input-audios")) {
            waiting.add("gateway");
        }
        for (Benchmark.Stage stage : Benchmark.STAGES) {
            if (done(prompt, stage.input()) && state(prompt, stage.output()).equals("pending")) {
                waiting.add(stage.name());
            }
        }
        return waiting;
    }

    /** The stages waited at, each with how many prompts wait there. */
    String waitingText() {
        return String.join(", ", waitingAt.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    /** The reasons, each after its stage. */
    String reasonsText() {
        return String.join("; ", reasons.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    static boolean settled(JsonNode prompt) {
        return waitingAt(prompt).isEmpty();
    }

    /** When the later of the prompt's two audios was announced, if it has both. */
    static Optional<Instant> bothAudiosAt(JsonNode prompt) {
        return done(prompt, ENGLISH) && done(prompt, FRENCH) ? Optional.of(Benchmark.last(prompt)) : Optional.empty();
    }

    private static boolean done(JsonNode prompt, String artifact) {
        return state(prompt, artifact).equals("done");
    }

    private static String state(JsonNode prompt, String artifact) {
        return GatewayClient.stage(prompt, artifact).path("state").asText();
    }
}
