package io.megapipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.megapipeline.deploy.KubernetesValidator.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay with kubectl kustomize and checks every object. */
class KubernetesManifestsTest {

    private static final Map<String, String> RENDERED = new HashMap<>();

    /** The output of kubectl kustomize on an overlay directory. */
    static String renderText(Path overlay) {
        Project.Result result = Project.run(Project.ROOT, List.of("kubectl", "kustomize", overlay.toString()));
        assertEquals(0, result.exitCode(), "kubectl kustomize " + overlay + ":\n" + result.output());
        return result.output();
    }

    static String renderText(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> renderText(Project.ROOT.resolve("k8s/overlays/" + o)));
    }

    static List<Manifest> render(String overlay) {
        return KubernetesValidator.parse(renderText(overlay));
    }

    static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    static Manifest named(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Iterable<JsonNode> each(JsonNode array) {
        return array;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "monolith"})
    void everyObjectConformsToTheKubernetesApi(String overlay) {
        List<Manifest> manifests = render(overlay);
        assertTrue(manifests.size() > 10, "rendered " + manifests.size() + " objects");
        assertEquals(List.of(), KubernetesValidator.validate(manifests));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "monolith"})
    void everyPodIsLockedDownAndBounded(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Manifest m : render(overlay)) {
            if (!Set.of("Deployment", "StatefulSet", "Job").contains(m.kind())) {
                continue;
            }
            String where = m.kind() + "/" + m.name() + ": ";
            JsonNode pod = m.tree().path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            if (!podSecurity.path("runAsNonRoot").asBoolean(false)) {
                problems.add(where + "runAsNonRoot is not set");
            }
            if (podSecurity.path("runAsUser").asInt(0) == 0) {
                problems.add(where + "no non-root runAsUser");
            }
            Set<String> emptyDirs = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .filter(v -> v.has("emptyDir")).map(v -> v.path("name").asText()).collect(Collectors.toSet());
            for (JsonNode c : each(pod.path("containers"))) {
                String cw = where + c.path("name").asText() + ": ";
                JsonNode sc = c.path("securityContext");
                String seccomp = sc.path("seccompProfile").path("type").asText(podSecurity.path("seccompProfile").path("type").asText());
                if (!seccomp.equals("RuntimeDefault")) {
                    problems.add(cw + "seccompProfile is not RuntimeDefault");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(cw + "root file system is writable");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(cw + "privilege escalation is allowed");
                }
                if (!sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(cw + "capabilities are not all dropped");
                }
                boolean tmp = StreamSupport.stream(c.path("volumeMounts").spliterator(), false)
                        .anyMatch(v -> v.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(v.path("name").asText()));
                if (!tmp) {
                    problems.add(cw + "no emptyDir at /tmp");
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.path("resources").path(bound).path(resource).asText().isBlank()) {
                            problems.add(cw + "no " + resource + " " + bound);
                        }
                    }
                }
                if (!m.kind().equals("Job")) {
                    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                        if (c.path(probe).isMissingNode()) {
                            problems.add(cw + "no " + probe);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsOnItsArchitecturePortWithQuarkusProbes(String overlay) {
        List<Manifest> manifests = render(overlay);
        for (String service : Architecture.SERVICES) {
            int port = Architecture.PORTS.get(service);
            JsonNode container = named(manifests, "Deployment", service).tree()
                    .path("spec").path("template").path("spec").path("containers").path(0);
            assertEquals(port, container.path("ports").path(0).path("containerPort").asInt(), service);
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), service);
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), service);
            assertTrue(Set.of("/q/health/started", "/q/health/live")
                    .contains(container.path("startupProbe").path("httpGet").path("path").asText()), service);
            Set<String> env = new TreeSet<>();
            container.path("env").forEach(e -> env.add(e.path("name").asText()));
            assertTrue(env.containsAll(Set.of("PIPELINE_STORE_ACCESS_KEY", "PIPELINE_STORE_SECRET_KEY")), service + " " + env);
            assertEquals(port, named(manifests, "Service", service).tree().path("spec").path("ports").path(0).path("port").asInt(), service);
        }
        named(manifests, "Deployment", "frontend");
        named(manifests, "Service", "frontend");
        JsonNode config = ofKind(manifests, "ConfigMap").get(0).tree().path("data");
        assertEquals("kafka:9092", config.path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("http://minio:9000", config.path("PIPELINE_STORE_ENDPOINT").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void infrastructureAndSetUpJobsArePresent(String overlay) {
        List<Manifest> manifests = render(overlay);
        JsonNode kafka = named(manifests, "StatefulSet", "kafka").tree();
        assertTrue(kafka.toString().contains("process.roles=broker,controller"), "Kafka runs in KRaft mode");
        String kafkaImage = kafka.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
        assertTrue(kafkaImage.equals("apache/kafka:4.0.0") || kafkaImage.startsWith("apache/kafka@sha256:"), kafkaImage);
        assertEquals(1, named(manifests, "StatefulSet", "minio").tree().path("spec").path("volumeClaimTemplates").size());
        assertTrue(named(manifests, "Job", "minio-setup").tree().toString().contains("store/mega-pipeline"));
        JsonNode topicsJob = named(manifests, "Job", "kafka-topics").tree();
        String topics = StreamSupport.stream(topicsJob.path("spec").path("template").path("spec").path("containers").path(0).path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals("TOPICS")).findFirst().orElseThrow().path("value").asText();
        assertEquals(Architecture.TOPICS, List.of(topics.split(" ")));
        named(manifests, "Namespace", "mega-pipeline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "monolith"})
    void everyObjectIsInTheNamespace(String overlay) {
        assertEquals(List.of(), DeploymentRules.everyObjectInTheNamespace(render(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnStoreAccountLimitedToItsPrefixes(String overlay) {
        List<Manifest> manifests = render(overlay);
        assertEquals(List.of(), DeploymentRules.everyServiceUsesItsOwnStoreAccount(manifests));
        assertEquals(List.of(), DeploymentRules.storePoliciesFollowTheTopology(manifests));
    }

    @Test
    void devGeneratesTheDevelopmentSecrets() {
        List<Manifest> manifests = render("dev");
        Set<String> secrets = ofKind(manifests, "Secret").stream().map(Manifest::name).collect(Collectors.toSet());
        assertTrue(secrets.stream().anyMatch(s -> DeploymentRules.isNamed(s, "minio-credentials")), secrets.toString());
        for (String service : Architecture.SERVICES) {
            assertTrue(secrets.stream().anyMatch(s -> DeploymentRules.isNamed(s, "store-" + service)), service + " " + secrets);
        }
        // The generated names reach the workloads (the generator and the references share the namespace).
        assertTrue(DeploymentRules.secretsReferenced(named(manifests, "Job", "minio-setup").tree()).stream()
                .allMatch(secrets::contains));
    }

    /** One Deployment for the six services, no broker, behind the same Service name and with one store account. */
    @Test
    void theMonolithIsOneApplicationWithTheStoreAndNoBroker() throws Exception {
        List<Manifest> manifests = render("monolith");
        assertEquals(Set.of("frontend", "monolith"),
                ofKind(manifests, "Deployment").stream().map(Manifest::name).collect(Collectors.toSet()));
        assertEquals(Set.of("minio"), ofKind(manifests, "StatefulSet").stream().map(Manifest::name).collect(Collectors.toSet()));
        assertEquals(Set.of("frontend", "gateway", "minio"),
                ofKind(manifests, "Service").stream().map(Manifest::name).collect(Collectors.toSet()));
        assertEquals("monolith", named(manifests, "Service", "gateway").tree().path("spec").path("selector")
                .path("app.kubernetes.io/name").asText(), "the ingress and the frontend reach the monolith");
        JsonNode container = named(manifests, "Deployment", "monolith").tree()
                .path("spec").path("template").path("spec").path("containers").path(0);
        assertEquals(Architecture.PORTS.get("gateway"), container.path("ports").path(0).path("containerPort").asInt());
        assertTrue(container.path("env").toString().contains("store-monolith"), "its own store account");
        assertFalse(container.path("env").toString().contains("KAFKA"), "no broker");
        // Its account may do what the six services' accounts may do together: compared prefix by prefix.
        JsonNode policy = new ObjectMapper().readTree(Project.read(Project.ROOT.resolve("k8s/overlays/monolith/monolith-policy.json")));
        Set<String> granted = new TreeSet<>();
        policy.path("Statement").forEach(st -> st.path("Action").forEach(a -> st.path("Resource")
                .forEach(r -> granted.add(a.asText() + " " + r.asText()))));
        Set<String> needed = new TreeSet<>();
        for (String service : Architecture.SERVICES) {
            JsonNode own = new ObjectMapper().readTree(Project.read(Project.ROOT.resolve("k8s/base/store-policies/" + service + ".json")));
            own.path("Statement").forEach(st -> st.path("Action").forEach(a -> st.path("Resource")
                    .forEach(r -> needed.add(a.asText() + " " + r.asText()))));
        }
        assertEquals(needed, granted);
    }

    @Test
    void prodRendersNoDevelopmentSecret() {
        assertEquals(List.of(), DeploymentRules.noDevelopmentSecret(render("prod"), renderText("prod")));
    }

    @Test
    void prodServesTheAppOverHttpsOnly() {
        assertEquals(List.of(), DeploymentRules.ingressServesHttpsOnly(render("prod")));
    }

    @Test
    void prodDeniesEgressByDefault() {
        assertEquals(List.of(), DeploymentRules.egressIsDeniedByDefault(render("prod")));
    }

    @Test
    void prodPinsEveryImageByDigest() {
        assertEquals(List.of(), DeploymentRules.everyImagePinnedByDigest(render("prod")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "monolith"})
    void theIngressReachesOnlyTheFrontendAndTheGateway(String overlay) {
        List<Manifest> ingresses = ofKind(render(overlay), "Ingress");
        assertEquals(1, ingresses.size());
        Set<String> backends = new TreeSet<>();
        ingresses.get(0).tree().path("spec").path("rules")
                .forEach(r -> r.path("http").path("paths").forEach(p -> backends.add(p.path("backend").path("service").path("name").asText())));
        assertEquals(Set.of("frontend", "gateway"), backends);
    }

    /** Every image of prod names a fixed tag: none is :latest or untagged. */
    @Test
    void prodPinsEveryImage() {
        List<String> unpinned = new ArrayList<>();
        for (Manifest m : render("prod")) {
            JsonNode pod = m.tree().path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : each(pod.path(list))) {
                    String image = c.path("image").asText();
                    String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
                    if (tag.isEmpty() || tag.equals("latest") || tag.contains("/")) {
                        unpinned.add(m.kind() + " " + m.name() + ": " + image);
                    }
                }
            }
        }
        assertEquals(List.of(), unpinned);
    }

    @Test
    void devRunsOneReplicaOfEach() {
        for (Manifest d : ofKind(render("dev"), "Deployment")) {
            assertEquals(1, d.tree().path("spec").path("replicas").asInt(), d.name());
        }
    }

    @Test
    void prodScalesEachStageOnItsConsumerLag() {
        List<Manifest> manifests = render("prod");
        int partitions = Integer.parseInt(ofKind(manifests, "ConfigMap").get(0).tree().path("data").path("KAFKA_PARTITIONS").asText());
        Map<String, Manifest> scaled = ofKind(manifests, "ScaledObject").stream()
                .collect(Collectors.toMap(m -> m.tree().path("spec").path("scaleTargetRef").path("name").asText(), m -> m));
        assertEquals(Architecture.STAGE_INPUT.keySet(), scaled.keySet());
        for (Map.Entry<String, String> stage : Architecture.STAGE_INPUT.entrySet()) {
            JsonNode spec = scaled.get(stage.getKey()).tree().path("spec");
            JsonNode trigger = spec.path("triggers").path(0).path("metadata");
            assertEquals(stage.getKey(), trigger.path("consumerGroup").asText(), "the group id is the application name");
            assertEquals(stage.getValue(), trigger.path("topic").asText(), stage.getKey());
            assertTrue(spec.path("maxReplicaCount").asInt() <= partitions, "no more replicas than partitions");
            // The Deployment leaves its replica count to KEDA.
            assertTrue(named(manifests, "Deployment", stage.getKey()).tree().path("spec").path("replicas").isMissingNode());
        }
        assertEquals(2, named(manifests, "Deployment", "gateway").tree().path("spec").path("replicas").asInt());
    }

    @Test
    void prodHasDisruptionBudgetsAndNetworkPolicies() {
        List<Manifest> manifests = render("prod");
        Set<String> budgets = ofKind(manifests, "PodDisruptionBudget").stream()
                .map(m -> m.tree().path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .collect(Collectors.toSet());
        Set<String> deployments = ofKind(manifests, "Deployment").stream().map(Manifest::name).collect(Collectors.toSet());
        assertEquals(deployments, budgets);

        JsonNode denyAll = named(manifests, "NetworkPolicy", "default-deny-ingress").tree().path("spec");
        assertTrue(denyAll.path("podSelector").isEmpty() && denyAll.path("ingress").isMissingNode());
        for (String store : List.of("kafka", "minio")) {
            JsonNode from = named(manifests, "NetworkPolicy", store).tree().path("spec").path("ingress").path(0).path("from");
            assertEquals("true", from.path(0).path("podSelector").path("matchLabels").path("mega-pipeline/backend").asText(), store);
        }
        // The label that opens Kafka and MinIO is on the six services and the set-up Jobs only.
        Set<String> backends = new TreeSet<>();
        for (Manifest m : manifests) {
            if (m.tree().path("spec").path("template").path("metadata").path("labels").path("mega-pipeline/backend").asText().equals("true")) {
                backends.add(m.name());
            }
        }
        Set<String> expected = new TreeSet<>(Architecture.SERVICES);
        expected.addAll(List.of("kafka-topics", "minio-setup"));
        assertEquals(expected, backends);
        for (String entry : List.of("gateway", "frontend")) {
            JsonNode from = named(manifests, "NetworkPolicy", entry).tree().path("spec").path("ingress").path(0).path("from");
            assertEquals("ingress-nginx", from.path(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText());
        }
    }

    /** A broken copy of the manifests, rendered from target/: the validator must name each fault. */
    @Test
    void aBrokenManifestIsReported() throws Exception {
        Path copy = copyOfK8s("broken-k8s", (name, text) -> switch (name) {
            // an unknown field in the pod spec
            case "base/gateway.yaml" -> text.replace("      automountServiceAccountToken: false\n",
                    "      automountServiceAccountToken: false\n      restartPolicyy: Always\n");
            // a boolean given as a word
            case "base/frontend.yaml" -> text.replace("runAsNonRoot: true", "runAsNonRoot: \"yes\"");
            // a list where a string belongs
            case "base/ingress.yaml" -> text.replace("pathType: Prefix", "pathType:\n              - Prefix");
            // a required field left out: a container without a name
            case "base/translate-text.yaml" -> text.replace("        - name: translate-text\n          image:", "        - image:");
            default -> text;
        });
        Project.Result rendered = Project.run(Project.ROOT, List.of("kubectl", "kustomize", copy.resolve("overlays/dev").toString()));
        assertEquals(0, rendered.exitCode(), rendered.output());
        List<String> problems = KubernetesValidator.validate(KubernetesValidator.parse(rendered.output()));
        String report = String.join("\n", problems);
        assertEquals(4, problems.size(), report);
        assertTrue(report.contains("Deployment/gateway") && report.contains("restartPolicyy"), report);
        assertTrue(report.contains("Deployment/frontend") && report.contains("runAsNonRoot"), report);
        assertTrue(report.contains("Ingress/mega-pipeline") && report.contains("pathType"), report);
        assertTrue(report.contains("Deployment/translate-text") && report.contains("`name`"), report);
    }

    /**
     * A copy of k8s/ with one fault per hardening rule, written to target/ and rendered as prod: each
     * rule must report its fault (the same rules find none in the real overlays, above).
     */
    @Test
    void aBrokenProdOverlayIsReported() throws Exception {
        Path copy = copyOfK8s("broken-prod-k8s", (name, text) -> switch (name) {
            // the gateway back on MinIO's root password
            case "base/gateway.yaml" -> replace(text, "name: store-gateway\n                  key: secret-key",
                    "name: minio-credentials\n                  key: MINIO_ROOT_PASSWORD");
            // transcribe-audio reading text-paragraphs instead of its input
            case "base/store-policies/transcribe-audio.json" -> replace(text, "mega-pipeline/input-audios/*", "mega-pipeline/text-paragraphs/*");
            // no TLS, and http no longer forced to https
            case "overlays/prod/ingress-tls.yaml" -> replace(replace(text, "- op: add\n  path: /spec/tls\n  value:\n    - hosts:\n"
                    + "        - mega-pipeline.example.com\n      secretName: mega-pipeline-tls\n", ""),
                    "force-ssl-redirect\n  value: \"true\"", "force-ssl-redirect\n  value: \"false\"");
            // egress open to everyone
            case "overlays/prod/networkpolicies.yaml" -> replace(text, "  name: default-deny-egress\nspec:\n  podSelector: {}\n  policyTypes: [\"Egress\"]\n",
                    "  name: default-deny-egress\nspec:\n  podSelector: {}\n  policyTypes: [\"Egress\"]\n  egress:\n    - {}\n");
            // no namespace, no digests, the development secret
            case "overlays/prod/kustomization.yaml" -> replace(replace(text, "namespace: mega-pipeline\n", ""),
                    "transformers:\n  - image-digests.yaml\n", "")
                    + "secretGenerator:\n  - name: minio-credentials\n    literals:\n      - MINIO_ROOT_USER=minioadmin\n";
            default -> text;
        });
        String rendered = renderText(copy.resolve("overlays/prod"));
        List<Manifest> manifests = KubernetesValidator.parse(rendered);

        assertReports(DeploymentRules.ingressServesHttpsOnly(manifests),
                "Ingress/mega-pipeline: no TLS", "force-ssl-redirect is 'false'");
        assertReports(DeploymentRules.everyServiceUsesItsOwnStoreAccount(manifests),
                "Deployment/gateway: PIPELINE_STORE_SECRET_KEY is not from Secret store-gateway",
                "Deployment/gateway: uses MinIO's root credentials");
        List<String> policies = DeploymentRules.storePoliciesFollowTheTopology(manifests);
        assertReports(policies,
                "transcribe-audio.json: grants [s3:GetObject] on arn:aws:s3:::mega-pipeline/text-paragraphs/*",
                "transcribe-audio.json: lacks [s3:GetObject] on arn:aws:s3:::mega-pipeline/input-audios/*");
        assertEquals(2, policies.size(), String.join("\n", policies));
        assertReports(DeploymentRules.noDevelopmentSecret(manifests, rendered),
                "Secret/minio-credentials", "'bWluaW9hZG1pbg'");
        assertReports(DeploymentRules.egressIsDeniedByDefault(manifests),
                "no NetworkPolicy denies egress by default",
                "NetworkPolicy/default-deny-egress: an egress rule open to any destination",
                "Deployment/frontend: may reach StatefulSet/kafka");
        assertReports(DeploymentRules.everyImagePinnedByDigest(manifests),
                "Deployment/gateway: gateway runs mega-pipeline/gateway:1.0.0, not pinned",
                "StatefulSet/kafka: kafka runs apache/kafka:4.0.0");
        assertReports(DeploymentRules.everyObjectInTheNamespace(manifests),
                "PodDisruptionBudget/gateway: in namespace ''");
    }

    /** Copies k8s/ into target/, each file's text through edit (given its path below k8s/); returns the copy. */
    static Path copyOfK8s(String dir, BiFunction<String, String, String> edit) throws Exception {
        Path source = Project.ROOT.resolve("k8s");
        Path copy = Project.TARGET.resolve(dir);
        try (var walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = source.relativize(file).toString();
                Project.write(copy.resolve(name), edit.apply(name, Project.read(file)));
            }
        }
        return copy;
    }

    /** The text with one part replaced; the part must be there (else the fault would not be made). */
    static String replace(String text, String part, String replacement) {
        assertTrue(text.contains(part), "no longer in the file, update the fault: " + part);
        return text.replace(part, replacement);
    }

    /** Every expected line is part of the report. */
    static void assertReports(List<String> problems, String... expected) {
        String report = String.join("\n", problems);
        for (String line : expected) {
            assertTrue(report.contains(line), "'" + line + "' is not in:\n" + report);
        }
    }

    /** Without egress rules for them, the services cannot reach Kafka and MinIO, nor the frontend the gateway. */
    @Test
    void aMissingEgressRuleIsReported() {
        List<Manifest> manifests = render("prod").stream()
                .filter(m -> !(m.kind().equals("NetworkPolicy") && Set.of("backend-egress", "frontend-egress", "allow-dns").contains(m.name())))
                .toList();
        List<String> problems = DeploymentRules.egressIsDeniedByDefault(manifests);
        for (String service : Architecture.SERVICES) {
            assertReports(problems, "Deployment/" + service + ": cannot reach StatefulSet/kafka on 9092",
                    "Deployment/" + service + ": cannot reach StatefulSet/minio on 9000");
        }
        assertReports(problems, "Job/minio-setup: cannot reach StatefulSet/minio on 9000",
                "Deployment/frontend: cannot reach Deployment/gateway on 8080",
                "StatefulSet/kafka: cannot reach the cluster DNS on UDP 53");
    }

    @Test
    void aScaledObjectWithAWrongFieldIsReported() {
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: translate-text
                spec:
                  scaleTargetRef:
                    name: translate-text
                  maxReplicaCount: "four"
                  triggers:
                    - type: kafka
                      metadata:
                        bootstrapServers: kafka:9092
                        consumerGroup: translate-text
                        topics: text-paragraphs
                        lagThreshold: 10
                """;
        String report = String.join("\n", KubernetesValidator.validate(KubernetesValidator.parse(yaml)));
        assertTrue(report.contains("maxReplicaCount must be an integer"), report);
        assertTrue(report.contains("unknown kafka trigger metadata topics"), report);
        assertTrue(report.contains("needs topic"), report);
        assertTrue(report.contains("lagThreshold must be a string"), report);
    }
}
