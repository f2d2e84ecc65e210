package io.megapipeline.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.megapipeline.core.Topology;

/**
 * A stack that {@code ./mega-pipeline} runs, as the tools reach it: how it runs (its mode), where each stage's
 * service answers, which recorded process runs it, and its broker and store. In the microservices every stage is
 * a process of its own on its port; in the monolith every stage answers at the gateway's URL and runs in the one
 * process {@code monolith}, and there is no broker.
 */
final class Stack {

    enum Mode {
        MICROSERVICES, MONOLITH;

        /** As the launcher writes it to {@code STATE/mode} and takes it in {@code --mode}. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode of(String label) {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        }
    }

    static final String MONOLITH_PROCESS = "monolith";

    final Mode mode;
    final URI gateway;
    final Path state;
    /** What the launcher adds to every port of this stack (MEGA_PIPELINE_PORT_OFFSET). */
    final int portOffset;

    private Stack(Mode mode, URI gateway, Path state) {
        this.mode = mode;
        this.gateway = gateway;
        this.state = state;
        this.portOffset = gateway.getPort() - 8080;
    }

    /** The stack of the gateway and state directory, in the mode given, else the launcher's STATE/mode. */
    static Stack of(String gatewayUrl, Path state, String modeOption) throws IOException {
        Path modeFile = state.resolve("mode");
        String mode = modeOption != null ? modeOption
                : Files.exists(modeFile) ? Files.readString(modeFile) : Mode.MICROSERVICES.label();
        return new Stack(Mode.of(mode), URI.create(gatewayUrl), state);
    }

    boolean isMonolith() {
        return mode == Mode.MONOLITH;
    }

    boolean hasBroker() {
        return !isMonolith();
    }

    /** The service that runs a stage (or the gateway): its own port, or the monolith's. */
    ServiceClient service(String name) {
        if (isMonolith() || name.equals("gateway")) {
            return new ServiceClient(name, gateway);
        }
        int port = Topology.service(name).orElseThrow().port() + portOffset;
        return new ServiceClient(name, URI.create("http://" + gateway.getHost() + ":" + port));
    }

    /** The name in STATE/pids of the process that runs a service. */
    String processOf(String service) {
        return isMonolith() ? MONOLITH_PROCESS : service;
    }

    String brokerBootstrap() {
        return "127.0.0.1:" + (9092 + portOffset);
    }

    String storeEndpoint() {
        return "http://127.0.0.1:" + (9000 + portOffset);
    }

    /** Every process the launcher recorded in STATE/pids, by name. */
    Map<String, ProcessStats> processes() throws IOException {
        Map<String, ProcessStats> processes = new LinkedHashMap<>();
        Path pids = state.resolve("pids");
        if (Files.isDirectory(pids)) {
            try (Stream<Path> files = Files.list(pids).sorted()) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    processes.put(name, ProcessStats.of(Long.parseLong(Files.readString(file).strip())));
                }
            }
        }
        return processes;
    }

    /** The pid the launcher recorded for a process, if it runs one. */
    long pid(String process) throws IOException {
        Path file = state.resolve("pids").resolve(process + ".pid");
        if (!Files.exists(file)) {
            throw new IOException("no process " + process + " in " + state.resolve("pids"));
        }
        return Long.parseLong(Files.readString(file).strip());
    }
}
