package io.megapipeline.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.megapipeline.core.Artifact;
import io.megapipeline.core.Topology;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * Each service's health, replicas, prompts in flight and input lag, for {@code GET /api/services}. Asked at most
 * once per {@code gateway.status.cache} however many browsers ask, each question bounded by
 * {@code gateway.status.timeout}: readiness by HTTP ({@code /q/health/ready} of each service's base URL, the
 * gateway's own in-process), replicas as the members of the service's consumer group (a stage's group is its
 * name; each gateway replica has its own group {@code gateway-<uuid>}), lag as the input topic's latest offsets
 * less the group's committed ones, in flight from the gateway's own catalog. In the monolith
 * ({@code gateway.in-process}) every service is this one process.
 */
@ApplicationScoped
public class ServiceStatus {

    private static final Logger LOG = Logger.getLogger(ServiceStatus.class);
    private static final String GATEWAY = "gateway";

    /** One service as the panel shows it; the Kafka figures are null when Kafka did not answer in time. */
    public record ServiceView(String name, String url, boolean ready, String health, String input, Integer replicas,
            Integer inFlight, Long lag) {
    }

    public record ServicesView(Instant checkedAt, String deployment, List<ServiceView> services, String kafkaProblem) {
    }

    static final String MICROSERVICES = "microservices";
    static final String MONOLITH = "monolith";

    private final PromptCatalog catalog;
    private final SmallRyeHealthReporter health;
    private final Config config;
    private final Duration timeout;
    private final Duration cacheFor;
    private final boolean inProcess;
    private final HttpClient http;
    private Admin admin;
    private ServicesView last;
    private long lastNanos;

    ServiceStatus(PromptCatalog catalog, SmallRyeHealthReporter health, Config config, GatewayConfig gateway) {
        this.catalog = catalog;
        this.health = health;
        this.config = config;
        this.timeout = gateway.status().timeout();
        this.cacheFor = gateway.status().cache();
        this.inProcess = gateway.inProcess();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The services' state, at most {@code gateway.status.cache} old. */
    public synchronized ServicesView current() {
        if (last == null || System.nanoTime() - lastNanos > cacheFor.toNanos()) {
            last = check();
            lastNanos = System.nanoTime();
        }
        return last;
    }

    /** A service's base URL: {@code gateway.services.<name>.url} (GATEWAY_SERVICES_<NAME>_URL), else localhost. */
    String url(Topology.Service service) {
        return config.getOptionalValue("gateway.services." + service.name() + ".url", String.class)
                .map(u -> u.replaceAll("/+$", "")).orElse("http://localhost:" + service.port());
    }

    private ServicesView check() {
        if (inProcess) {
            return inThisProcess();
        }
        Map<String, CompletableFuture<String>> readiness = new HashMap<>();
        for (Topology.Service service : Topology.SERVICES) {
            if (!service.name().equals(GATEWAY)) {
                readiness.put(service.name(), ready(url(service)));
            }
        }
        String kafkaProblem = null;
        Map<String, Integer> replicas = Map.of();
        Map<String, Long> lags = Map.of();
        try {
            replicas = replicas();
            lags = lags();
        } catch (Exception e) {
            kafkaProblem = "Kafka did not answer: " + rootMessage(e);
            if (last == null || !kafkaProblem.equals(last.kafkaProblem())) {
                LOG.warnf(e, "service status without Kafka: %s", kafkaProblem);
            }
        }
        Map<String, Integer> inFlight = catalog.inFlight();
        List<ServiceView> views = new ArrayList<>();
        for (Topology.Service service : Topology.SERVICES) {
            String state;
            if (service.name().equals(GATEWAY)) {
                state = health.getReadiness().isDown() ? "DOWN" : "UP";
            } else {
                state = readiness.get(service.name()).completeOnTimeout("no answer within " + timeout.toMillis() + " ms",
                        timeout.toMillis() + 200, TimeUnit.MILLISECONDS).join();
            }
            views.add(new ServiceView(service.name(), url(service), state.equals("UP"), state,
                    service.input().map(Artifact::topic).orElse(null), replicas.get(service.name()),
                    inFlight.get(service.name()), lags.get(service.name())));
        }
        return new ServicesView(Instant.now(), MICROSERVICES, views, kafkaProblem);
    }

    /** The monolith: one process, whose readiness covers every engine; events pass in memory, so no lag. */
    private ServicesView inThisProcess() {
        String state = health.getReadiness().isDown() ? "DOWN" : "UP";
        Map<String, Integer> inFlight = catalog.inFlight();
        List<ServiceView> views = Topology.SERVICES.stream().map(service -> new ServiceView(service.name(),
                "in this process", state.equals("UP"), state, service.input().map(Artifact::topic).orElse(null), 1,
                inFlight.get(service.name()), null)).toList();
        return new ServicesView(Instant.now(), MONOLITH, views, null);
    }

    /** "UP", "DOWN" or why there was no answer. */
    private CompletableFuture<String> ready(String base) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture("bad URL: " + base);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200 ? "UP" : response.statusCode() == 503 ? "DOWN"
                        : "HTTP " + response.statusCode())
                .exceptionally(e -> "unreachable: " + rootMessage(e));
    }

    /** Members of each stage's group; for the gateway, its replicas' groups that have a member. */
    private Map<String, Integer> replicas() throws Exception {
        List<String> groups = new ArrayList<>(Topology.stages().stream().map(Topology.Service::name).toList());
        List<String> gatewayGroups = admin().listConsumerGroups().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .stream().map(listing -> listing.groupId()).filter(id -> id.startsWith(GATEWAY + "-")).limit(1000).toList();
        groups.addAll(gatewayGroups);
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin().describeConsumerGroups(groups)
                .describedGroups();
        Map<String, Integer> replicas = new HashMap<>();
        for (Topology.Service stage : Topology.stages()) {
            replicas.put(stage.name(), members(described.get(stage.name())));
        }
        int gateways = 0;
        for (String group : gatewayGroups) {
            gateways += members(described.get(group)) > 0 ? 1 : 0;
        }
        replicas.put(GATEWAY, gateways);
        return replicas;
    }

    /** A group's members; none for a group Kafka does not know (a stage that never ran). */
    private int members(KafkaFuture<ConsumerGroupDescription> description) throws Exception {
        try {
            return description.get(timeout.toMillis(), TimeUnit.MILLISECONDS).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    /** Per stage, the records of its input topic its group has not committed yet (from the earliest if none). */
    private Map<String, Long> lags() throws Exception {
        List<String> topics = Topology.stages().stream().map(s -> s.input().orElseThrow().topic()).distinct().toList();
        Map<String, TopicDescription> described = admin().describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = described.values().stream().flatMap(t -> t.partitions().stream()
                .map(p -> new TopicPartition(t.name(), p.partition()))).toList();
        Map<TopicPartition, ListOffsetsResultInfo> latest = admin().listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> earliest = admin().listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        for (Topology.Service stage : Topology.stages()) {
            String topic = stage.input().orElseThrow().topic();
            specs.put(stage.name(), new ListConsumerGroupOffsetsSpec()
                    .topicPartitions(partitions.stream().filter(p -> p.topic().equals(topic)).toList()));
        }
        ListConsumerGroupOffsetsResult committed = admin().listConsumerGroupOffsets(specs);
        Map<String, Long> lags = new HashMap<>();
        for (Topology.Service stage : Topology.stages()) {
            String topic = stage.input().orElseThrow().topic();
            Map<TopicPartition, OffsetAndMetadata> offsets;
            try {
                offsets = committed.partitionsToOffsetAndMetadata(stage.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                offsets = Map.of();
            }
            long lag = 0;
            for (TopicPartition partition : partitions) {
                if (partition.topic().equals(topic)) {
                    OffsetAndMetadata at = offsets.get(partition); // null where nothing is committed
                    long from = at != null ? at.offset() : earliest.get(partition).offset();
                    lag += Math.max(0, latest.get(partition).offset() - from);
                }
            }
            lags.put(stage.name(), lag);
        }
        return lags;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            int ms = (int) timeout.toMillis();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092"),
                    AdminClientConfig.CLIENT_ID_CONFIG, "gateway-service-status",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms));
        }
        return admin;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
            return "nothing answers at its address"; // the JDK's words for a refused connection say less
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
