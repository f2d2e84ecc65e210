package io.megapipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.megapipeline.core.DeletionEvent;
import io.megapipeline.core.Topology;
import io.megapipeline.core.Topology.Service;
import io.megapipeline.deploy.KubernetesValidator.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The project's hardening rules for rendered manifests. Each rule returns its problems, each naming
 * the object and what is wrong, and an empty list when the manifests keep it, so that a test can
 * show both that the real overlays keep it and that a broken copy is reported.
 */
final class DeploymentRules {

    static final String NAMESPACE = "mega-pipeline";
    static final String BUCKET_ARN = "arn:aws:s3:::mega-pipeline";
    /** MinIO's root account: only MinIO itself and the set-up Job may use it. */
    static final String ROOT_SECRET = "minio-credentials";
    static final Set<String> ROOT_USERS = Set.of("StatefulSet/minio", "Job/minio-setup");
    /** The development-only root credential, as a literal and base64-encoded in a Secret. */
    static final List<String> DEVELOPMENT_LITERALS = List.of("minioadmin", "bWluaW9hZG1pbg", "dev-only-");

    static final Set<String> READ = Set.of("s3:GetObject");
    static final Set<String> WRITE = Set.of("s3:PutObject", "s3:AbortMultipartUpload");
    static final Set<String> DELETE = Set.of("s3:DeleteObject");
    /** Where the gateway keeps each prompt's owner (gateway's Owners). */
    static final String OWNERS_PREFIX = "owners/";
    /** HeadBucket (the start-up and readiness check) needs s3:ListBucket on the bucket, with no prefix condition. */
    static final Set<String> BUCKET = Set.of("s3:ListBucket");

    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentRules() {
    }

    /** A pod template of a Deployment, StatefulSet or Job. */
    record Workload(String id, Map<String, String> labels, JsonNode pod) {
    }

    static List<Workload> workloads(List<Manifest> manifests) {
        List<Workload> workloads = new ArrayList<>();
        for (Manifest m : manifests) {
            if (Set.of("Deployment", "StatefulSet", "Job").contains(m.kind())) {
                JsonNode template = m.tree().path("spec").path("template");
                workloads.add(new Workload(m.kind() + "/" + m.name(), strings(template.path("metadata").path("labels")),
                        template.path("spec")));
            }
        }
        return workloads;
    }

    static Optional<Workload> workload(List<Manifest> manifests, String id) {
        return workloads(manifests).stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** Whether a rendered name is the base name, as written or with a generator's hash suffix. */
    static boolean isNamed(String rendered, String base) {
        return rendered.equals(base) || rendered.matches(Pattern.quote(base) + "-[a-z0-9]{10}");
    }

    // --- every object in the namespace --------------------------------------------------------

    static List<String> everyObjectInTheNamespace(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest m : manifests) {
            String namespace = m.tree().path("metadata").path("namespace").asText();
            if (!m.kind().equals("Namespace") && !namespace.equals(NAMESPACE)) {
                problems.add(m.kind() + "/" + m.name() + ": in namespace '" + namespace + "', not " + NAMESPACE);
            }
        }
        return problems;
    }

    // --- the Ingress over https ----------------------------------------------------------------

    /** TLS for every host, http redirected to https, no snippet annotation, the gateway's origin on https. */
    static List<String> ingressServesHttpsOnly(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Set<String> tlsHosts = new TreeSet<>();
        for (Manifest m : manifests) {
            if (!m.kind().equals("Ingress")) {
                continue;
            }
            String where = "Ingress/" + m.name() + ": ";
            JsonNode spec = m.tree().path("spec");
            if (spec.path("tls").isEmpty()) {
                problems.add(where + "no TLS (spec.tls)");
            }
            for (JsonNode tls : spec.path("tls")) {
                if (tls.path("secretName").asText().isBlank()) {
                    problems.add(where + "a TLS entry without secretName");
                }
                if (tls.path("hosts").isEmpty()) {
                    problems.add(where + "a TLS entry without hosts");
                }
                tls.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
            }
            for (JsonNode rule : spec.path("rules")) {
                String host = rule.path("host").asText();
                if (host.isBlank()) {
                    problems.add(where + "a rule without host (TLS needs one)");
                } else if (!tlsHosts.contains(host)) {
                    problems.add(where + "host " + host + " has no TLS");
                }
            }
            JsonNode annotations = m.tree().path("metadata").path("annotations");
            for (String redirect : List.of("ssl-redirect", "force-ssl-redirect")) {
                String value = annotations.path("nginx.ingress.kubernetes.io/" + redirect).asText();
                if (!value.equals("true")) {
                    problems.add(where + "nginx.ingress.kubernetes.io/" + redirect + " is '" + value + "', not \"true\"");
                }
            }
            annotations.fieldNames().forEachRemaining(name -> {
                if (name.endsWith("-snippet")) {
                    problems.add(where + name + ": ingress-nginx refuses snippet annotations by default"
                            + " (HSTS comes from the controller's hsts setting)");
                }
            });
        }
        String origin = env(workload(manifests, "Deployment/gateway").map(Workload::pod).orElse(JSON.nullNode()))
                .getOrDefault("GATEWAY_FRONTEND_ORIGIN", JSON.nullNode()).path("value").asText();
        if (tlsHosts.stream().noneMatch(h -> origin.equals("https://" + h))) {
            problems.add("Deployment/gateway: GATEWAY_FRONTEND_ORIGIN is '" + origin + "', not https:// and a TLS host of the Ingress " + tlsHosts);
        }
        return problems;
    }

    // --- one store account per service ---------------------------------------------------------

    /**
     * Each service takes PIPELINE_STORE_ACCESS_KEY and PIPELINE_STORE_SECRET_KEY from its own Secret
     * store-&lt;service&gt;; no workload but MinIO and its set-up Job refers to the root account.
     */
    static List<String> everyServiceUsesItsOwnStoreAccount(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<Workload> workloads = workloads(manifests);
        for (Service service : Topology.SERVICES) {
            String id = "Deployment/" + service.name();
            Optional<Workload> workload = workloads.stream().filter(w -> w.id().equals(id)).findFirst();
            if (workload.isEmpty()) {
                problems.add(id + ": missing");
                continue;
            }
            Map<String, JsonNode> env = env(workload.get().pod());
            for (Map.Entry<String, String> variable : Map.of("PIPELINE_STORE_ACCESS_KEY", "access-key",
                    "PIPELINE_STORE_SECRET_KEY", "secret-key").entrySet()) {
                JsonNode ref = env.getOrDefault(variable.getKey(), JSON.nullNode()).path("valueFrom").path("secretKeyRef");
                if (!isNamed(ref.path("name").asText(), "store-" + service.name()) || !ref.path("key").asText().equals(variable.getValue())) {
                    problems.add(id + ": " + variable.getKey() + " is not from Secret store-" + service.name()
                            + " key " + variable.getValue() + " but " + ref);
                }
            }
            env.keySet().stream().filter(name -> name.startsWith("MINIO_ROOT"))
                    .forEach(name -> problems.add(id + ": has MinIO's root credential " + name));
        }
        for (Workload w : workloads) {
            if (ROOT_USERS.contains(w.id())) {
                continue;
            }
            for (String secret : secretsReferenced(w.pod())) {
                if (isNamed(secret, ROOT_SECRET)) {
                    problems.add(w.id() + ": uses MinIO's root credentials (Secret " + ROOT_SECRET + ")");
                }
            }
        }
        return problems;
    }

    /** What a service's store policy must grant: resource ARN to actions, from the topology. */
    static Map<String, Set<String>> expectedGrants(Service service) {
        Map<String, Set<String>> grants = new TreeMap<>();
        grants.put(BUCKET_ARN, new TreeSet<>(BUCKET));
        if (service.isStage()) {
            grant(grants, service.input().orElseThrow().prefix(), READ);
            grant(grants, service.output().prefix(), READ);
            grant(grants, service.output().prefix(), WRITE);
            grant(grants, DeletionEvent.MARKER_PREFIX, READ); // makes nothing of a deleted prompt
        } else {
            // The entry point lists and serves every artifact, deletes prompts, and writes its output, the
            // prompts' owners and the deletion markers.
            for (Service any : Topology.SERVICES) {
                grant(grants, any.output().prefix(), READ);
                grant(grants, any.output().prefix(), DELETE);
            }
            grant(grants, service.output().prefix(), WRITE);
            for (String prefix : List.of(OWNERS_PREFIX, DeletionEvent.MARKER_PREFIX)) {
                grant(grants, prefix, READ);
                grant(grants, prefix, WRITE);
            }
            grant(grants, OWNERS_PREFIX, DELETE);
        }
        return grants;
    }

    private static void grant(Map<String, Set<String>> grants, String prefix, Set<String> actions) {
        grants.computeIfAbsent(BUCKET_ARN + "/" + prefix + "*", k -> new TreeSet<>()).addAll(actions);
    }

    /** What a policy document allows: resource to actions; wildcards and negations are problems. */
    static Map<String, Set<String>> grantsOf(String where, String policyJson, List<String> problems) {
        Map<String, Set<String>> grants = new TreeMap<>();
        JsonNode policy;
        try {
            policy = JSON.readTree(policyJson);
        } catch (IOException e) {
            problems.add(where + "not JSON: " + e.getMessage());
            return grants;
        }
        for (JsonNode statement : policy.path("Statement")) {
            if (!statement.path("Effect").asText().equals("Allow")) {
                continue;
            }
            if (statement.has("NotAction") || statement.has("NotResource")) {
                problems.add(where + "NotAction/NotResource grants more than it names");
            }
            for (String resource : texts(statement.path("Resource"))) {
                for (String action : texts(statement.path("Action"))) {
                    if (action.contains("*")) {
                        problems.add(where + "wildcard action " + action);
                    }
                    grants.computeIfAbsent(resource, k -> new TreeSet<>()).add(action);
                }
            }
        }
        return grants;
    }

    /**
     * The ConfigMap store-policies holds one policy per service that grants exactly what the topology
     * says the service does (its input and output prefixes; for the gateway every prefix, with
     * deletion), and the set-up Job gives each service's account its policy.
     */
    static List<String> storePoliciesFollowTheTopology(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Optional<Manifest> config = manifests.stream()
                .filter(m -> m.kind().equals("ConfigMap") && isNamed(m.name(), "store-policies")).findFirst();
        if (config.isEmpty()) {
            return List.of("ConfigMap/store-policies: missing");
        }
        JsonNode data = config.get().tree().path("data");
        Set<String> expectedKeys = new TreeSet<>();
        for (Service service : Topology.SERVICES) {
            String key = service.name() + ".json";
            expectedKeys.add(key);
            String where = "ConfigMap/store-policies " + key + ": ";
            if (!data.has(key)) {
                problems.add(where + "missing");
                continue;
            }
            Map<String, Set<String>> actual = grantsOf(where, data.path(key).asText(), problems);
            Map<String, Set<String>> expected = expectedGrants(service);
            Set<String> resources = new TreeSet<>(actual.keySet());
            resources.addAll(expected.keySet());
            for (String resource : resources) {
                Set<String> extra = new TreeSet<>(actual.getOrDefault(resource, Set.of()));
                extra.removeAll(expected.getOrDefault(resource, Set.of()));
                Set<String> missing = new TreeSet<>(expected.getOrDefault(resource, Set.of()));
                missing.removeAll(actual.getOrDefault(resource, Set.of()));
                if (!extra.isEmpty()) {
                    problems.add(where + "grants " + extra + " on " + resource + ", which " + service.name() + " does not need");
                }
                if (!missing.isEmpty()) {
                    problems.add(where + "lacks " + missing + " on " + resource + ", which " + service.name() + " needs");
                }
            }
        }
        data.fieldNames().forEachRemaining(key -> {
            if (!expectedKeys.contains(key)) {
                problems.add("ConfigMap/store-policies: " + key + " is no service's");
            }
        });
        Optional<Workload> setup = workload(manifests, "Job/minio-setup");
        if (setup.isEmpty()) {
            problems.add("Job/minio-setup: missing");
            return problems;
        }
        Set<String> secrets = secretsReferenced(setup.get().pod());
        String pod = setup.get().pod().toString();
        for (Service service : Topology.SERVICES) {
            if (secrets.stream().noneMatch(s -> isNamed(s, "store-" + service.name()))) {
                problems.add("Job/minio-setup: does not make the account of " + service.name() + " (Secret store-" + service.name() + ")");
            }
            if (!pod.contains("\"key\":\"" + service.name() + ".json\",\"path\":\"" + service.name() + "/policy.json\"")) {
                problems.add("Job/minio-setup: does not mount the policy of " + service.name());
            }
        }
        if (!pod.contains("mc admin policy attach")) {
            problems.add("Job/minio-setup: attaches no policy");
        }
        return problems;
    }

    // --- no development secret in prod ---------------------------------------------------------

    /** No Secret is rendered (they are made in the cluster), and no development credential appears. */
    static List<String> noDevelopmentSecret(List<Manifest> manifests, String rendered) {
        List<String> problems = new ArrayList<>();
        manifests.stream().filter(m -> m.kind().equals("Secret"))
                .forEach(m -> problems.add("Secret/" + m.name() + ": rendered; prod's Secrets are created in the cluster"));
        for (String literal : DEVELOPMENT_LITERALS) {
            if (rendered.contains(literal)) {
                problems.add("the rendered output contains the development credential '" + literal + "'");
            }
        }
        return problems;
    }

    // --- network policies: egress --------------------------------------------------------------

    private record Peer(String namespace, Map<String, String> labels, String name) {
    }

    /**
     * Egress denied by default; DNS allowed to every pod; no rule open to any destination, to
     * addresses or to another namespace (but DNS); each pod reaches what it needs: the services and
     * the set-up Jobs Kafka and MinIO, the frontend the gateway; the frontend reaches neither store.
     */
    static List<String> egressIsDeniedByDefault(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> policies = manifests.stream().filter(m -> m.kind().equals("NetworkPolicy")).map(Manifest::tree).toList();
        boolean defaultDeny = policies.stream().map(p -> p.path("spec")).anyMatch(spec -> spec.path("podSelector").isEmpty()
                && texts(spec.path("policyTypes")).contains("Egress") && spec.path("egress").isEmpty());
        if (!defaultDeny) {
            problems.add("no NetworkPolicy denies egress by default (empty podSelector, policyTypes Egress, no egress rule)");
        }
        Peer dns = new Peer("kube-system", Map.of("k8s-app", "kube-dns"), "kube-dns");
        for (JsonNode policy : policies) {
            String where = "NetworkPolicy/" + policy.path("metadata").path("name").asText() + ": ";
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (rule.path("to").isEmpty()) {
                    problems.add(where + "an egress rule open to any destination");
                }
                for (JsonNode peer : rule.path("to")) {
                    if (peer.has("ipBlock")) {
                        problems.add(where + "egress to addresses " + peer.path("ipBlock"));
                    }
                    if (peer.has("namespaceSelector") && !matches(peer, dns)) {
                        problems.add(where + "egress to another namespace " + peer.path("namespaceSelector"));
                    }
                }
            }
        }
        List<Workload> workloads = workloads(manifests);
        Map<String, Peer> pods = new LinkedHashMap<>();
        workloads.forEach(w -> pods.put(w.id(), new Peer(NAMESPACE, w.labels(), w.id())));
        Peer kafka = pods.get("StatefulSet/kafka");
        Peer minio = pods.get("StatefulSet/minio");
        Peer gateway = pods.get("Deployment/gateway");
        if (kafka == null || minio == null || gateway == null) {
            problems.add("Kafka, MinIO or the gateway is missing");
            return problems;
        }
        for (Workload w : workloads) {
            for (String protocol : List.of("UDP", "TCP")) {
                if (!egressAllowed(policies, w, dns, 53, protocol)) {
                    problems.add(w.id() + ": cannot reach the cluster DNS on " + protocol + " 53");
                }
            }
        }
        Map<String, List<Peer>> needs = new LinkedHashMap<>();
        for (Service service : Topology.SERVICES) {
            needs.put("Deployment/" + service.name(), List.of(kafka, minio));
        }
        needs.put("Job/kafka-topics", List.of(kafka));
        needs.put("Job/minio-setup", List.of(minio));
        needs.put("Deployment/frontend", List.of(gateway));
        Map<Peer, Integer> ports = Map.of(kafka, 9092, minio, 9000, gateway, 8080);
        for (Map.Entry<String, List<Peer>> need : needs.entrySet()) {
            Optional<Workload> source = workloads.stream().filter(w -> w.id().equals(need.getKey())).findFirst();
            if (source.isEmpty()) {
                problems.add(need.getKey() + ": missing");
                continue;
            }
            for (Peer target : need.getValue()) {
                if (!egressAllowed(policies, source.get(), target, ports.get(target), "TCP")) {
                    problems.add(need.getKey() + ": cannot reach " + target.name() + " on " + ports.get(target));
                }
            }
        }
        workloads.stream().filter(w -> w.id().equals("Deployment/frontend")).findFirst().ifPresent(frontend -> {
            for (Peer store : List.of(kafka, minio)) {
                if (egressAllowed(policies, frontend, store, ports.get(store), "TCP")) {
                    problems.add("Deployment/frontend: may reach " + store.name() + ", which it never needs");
                }
            }
        });
        return problems;
    }

    /** Whether some policy selecting the source allows it to connect to the target's port. */
    private static boolean egressAllowed(List<JsonNode> policies, Workload source, Peer target, int port, String protocol) {
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            boolean egress = spec.has("policyTypes") ? texts(spec.path("policyTypes")).contains("Egress") : spec.has("egress");
            if (!egress || !selects(spec.path("podSelector"), source.labels())) {
                continue;
            }
            for (JsonNode rule : spec.path("egress")) {
                boolean portOpen = rule.path("ports").isEmpty();
                for (JsonNode p : rule.path("ports")) {
                    portOpen |= p.path("port").asInt(-1) == port && p.path("protocol").asText("TCP").equals(protocol);
                }
                boolean peer = rule.path("to").isEmpty();
                for (JsonNode to : rule.path("to")) {
                    peer |= matches(to, target);
                }
                if (portOpen && peer) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(JsonNode to, Peer target) {
        if (to.has("ipBlock")) {
            return false;
        }
        boolean namespace = to.has("namespaceSelector")
                ? selects(to.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", target.namespace()))
                : target.namespace().equals(NAMESPACE);
        return namespace && (!to.has("podSelector") || selects(to.path("podSelector"), target.labels()));
    }

    /** A label selector with matchLabels only (matchExpressions select nothing here: the rules use none). */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            return false;
        }
        return labels.entrySet().containsAll(strings(selector.path("matchLabels")).entrySet());
    }

    // --- images by digest ----------------------------------------------------------------------

    static List<String> everyImagePinnedByDigest(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Workload w : workloads(manifests)) {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : w.pod().path(list)) {
                    String image = c.path("image").asText();
                    if (!DIGEST.matcher(image).matches()) {
                        problems.add(w.id() + ": " + c.path("name").asText() + " runs " + image + ", not pinned by @sha256: digest");
                    }
                }
            }
        }
        return problems;
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The env entries of a pod's containers, by name. */
    static Map<String, JsonNode> env(JsonNode pod) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode c : pod.path("containers")) {
            c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        }
        return env;
    }

    /** Names of every Secret a pod spec refers to: env, envFrom, volumes, projected volumes. */
    static Set<String> secretsReferenced(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collectSecrets(node, names);
        return names;
    }

    private static void collectSecrets(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (Set.of("secretKeyRef", "secretRef", "secret").contains(field.getKey())) {
                    String name = field.getValue().path(field.getKey().equals("secret") && field.getValue().has("secretName")
                            ? "secretName" : "name").asText();
                    names.add(name);
                }
                collectSecrets(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectSecrets(n, names));
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        } else {
            node.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }
}
