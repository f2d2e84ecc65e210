package io.megapipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rendered Kubernetes manifests against the Kubernetes API model: each document is read into
 * the generated class of its kind, whose strict JSON validation rejects unknown fields, missing
 * required fields and values of the wrong shape; then it is written back and compared with the
 * input, which catches scalars of the wrong type (a string where a boolean or a number belongs).
 * KEDA's ScaledObject is not in that model: {@link #checkScaledObject} checks its fields.
 */
final class KubernetesValidator {

    /** One object of the rendered output: its kind, name and tree. */
    record Manifest(String kind, String name, JsonNode tree) {
    }

    static final Map<String, Class<?>> MODEL = Map.ofEntries(
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class));

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private KubernetesValidator() {
    }

    /** Every object of a multi-document YAML stream. */
    static List<Manifest> parse(String yaml) {
        try {
            List<Manifest> manifests = new ArrayList<>();
            for (JsonNode node : YAML.readValues(new YAMLFactory().createParser(yaml), JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    manifests.add(new Manifest(node.path("kind").asText(), node.path("metadata").path("name").asText(), node));
                }
            }
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML", e);
        }
    }

    /** The problems of every object, each naming the object; empty when all conform. */
    static List<String> validate(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest m : manifests) {
            String where = m.kind() + "/" + m.name() + ": ";
            String apiVersion = m.tree().path("apiVersion").asText();
            if (m.kind().equals("ScaledObject") && apiVersion.equals("keda.sh/v1alpha1")) {
                checkScaledObject(m).forEach(p -> problems.add(where + p));
                continue;
            }
            Class<?> type = MODEL.get(apiVersion + "/" + m.kind());
            if (type == null) {
                problems.add(where + "no API model for " + apiVersion + " " + m.kind());
                continue;
            }
            String problem = checkAgainstModel(m.tree(), type);
            if (problem != null) {
                problems.add(where + problem);
            }
        }
        return problems;
    }

    /** Null when the tree is a valid object of the model class, else what is wrong. */
    static String checkAgainstModel(JsonNode tree, Class<?> type) {
        String json;
        try {
            json = JSON_MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object object;
        try {
            object = type.getMethod("fromJson", String.class).invoke(null, json);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "does not match " + type.getSimpleName() + ": " + brief(cause.getMessage());
        } catch (RuntimeException e) {
            return "does not match " + type.getSimpleName() + ": " + brief(e.getMessage());
        }
        JsonElement written = JsonParser.parseString(JSON.serialize(object));
        JsonElement read = JsonParser.parseString(json);
        List<String> differences = new ArrayList<>();
        compare("", read, written, differences);
        return differences.isEmpty() ? null : "values of the wrong type: " + String.join("; ", differences);
    }

    /** The model's messages end with the whole offending JSON object; the reason is enough. */
    private static String brief(String message) {
        if (message == null) {
            return "no reason given";
        }
        int json = message.indexOf(" JSON: ");
        if (json < 0 && message.indexOf("JSON string: {") > 0) {
            json = message.indexOf("JSON string: {") + "JSON string".length();
        }
        return json < 0 ? message : message.substring(0, json);
    }

    private static void compare(String path, JsonElement read, JsonElement written, List<String> differences) {
        if (read.isJsonObject() && written.isJsonObject()) {
            for (String key : read.getAsJsonObject().keySet()) {
                JsonElement w = written.getAsJsonObject().get(key);
                JsonElement r = read.getAsJsonObject().get(key);
                if (w == null) {
                    if (!r.isJsonNull()) {
                        differences.add(path + "/" + key + " was dropped");
                    }
                } else {
                    compare(path + "/" + key, r, w, differences);
                }
            }
        } else if (read.isJsonArray() && written.isJsonArray() && read.getAsJsonArray().size() == written.getAsJsonArray().size()) {
            for (int i = 0; i < read.getAsJsonArray().size(); i++) {
                compare(path + "/" + i, read.getAsJsonArray().get(i), written.getAsJsonArray().get(i), differences);
            }
        } else if (!read.equals(written)) {
            differences.add(path + " is " + read + ", read as " + written);
        }
    }

    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount",
            "pollingInterval", "cooldownPeriod", "idleReplicaCount", "initialCooldownPeriod", "fallback", "advanced", "triggers");
    private static final Set<String> KAFKA_METADATA = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls");

    /** KEDA ScaledObject (keda.sh/v1alpha1) with kafka triggers: known fields, right types, required values. */
    static List<String> checkScaledObject(Manifest m) {
        List<String> problems = new ArrayList<>();
        Set<String> top = Set.of("apiVersion", "kind", "metadata", "spec");
        m.tree().fieldNames().forEachRemaining(f -> {
            if (!top.contains(f)) {
                problems.add("unknown field " + f);
            }
        });
        JsonNode spec = m.tree().path("spec");
        spec.fieldNames().forEachRemaining(f -> {
            if (!SCALED_OBJECT_SPEC.contains(f)) {
                problems.add("unknown field spec." + f);
            }
        });
        if (!spec.path("scaleTargetRef").path("name").isTextual()) {
            problems.add("spec.scaleTargetRef.name is required");
        }
        for (String count : List.of("minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod")) {
            if (spec.has(count) && !spec.get(count).isInt()) {
                problems.add("spec." + count + " must be an integer");
            }
        }
        if (spec.path("minReplicaCount").asInt(0) > spec.path("maxReplicaCount").asInt(100)) {
            problems.add("minReplicaCount exceeds maxReplicaCount");
        }
        JsonNode triggers = spec.path("triggers");
        if (!triggers.isArray() || triggers.isEmpty()) {
            problems.add("spec.triggers must be a non-empty list");
        }
        for (JsonNode trigger : triggers) {
            if (!trigger.path("type").asText().equals("kafka")) {
                problems.add("trigger type " + trigger.path("type") + " is not kafka");
                continue;
            }
            JsonNode metadata = trigger.path("metadata");
            metadata.fieldNames().forEachRemaining(f -> {
                if (!KAFKA_METADATA.contains(f)) {
                    problems.add("unknown kafka trigger metadata " + f);
                }
            });
            // KEDA's trigger metadata is a map of strings.
            metadata.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add("kafka trigger metadata " + e.getKey() + " must be a string");
                }
            });
            for (String required : List.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold")) {
                if (metadata.path(required).asText().isBlank()) {
                    problems.add("kafka trigger needs " + required);
                }
            }
            if (!metadata.path("lagThreshold").asText().matches("[1-9]\\d*")) {
                problems.add("lagThreshold must be a positive integer");
            }
        }
        return problems;
    }
}
