package io.megapipeline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Dockerfiles into instructions, lints them with dockerfile-utils, and checks the project's rules. */
final class Dockerfiles {

    /** One instruction: keyword in upper case and its arguments, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    private Dockerfiles() {
    }

    static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            }
        }
        return instructions;
    }

    /** The linter's findings (errors and warnings) as lines; empty when the file is clean. */
    static List<String> lint(Path dockerfile) {
        Path linter = Path.of(System.getProperty("dockerfile-utils.bin",
                Project.TARGET.resolve("npm/node_modules/dockerfile-utils/bin/dockerfile-utils").toString()));
        if (!Files.isRegularFile(linter)) {
            throw new IllegalStateException("the linter is not installed at " + linter + " (run the module's Maven build)");
        }
        Project.Result result = Project.run(Project.ROOT, List.of("node", linter.toString(), "lint", dockerfile.toString()));
        return result.exitCode() == 0 && result.output().isBlank() ? List.of()
                : List.of(result.output().strip().split("\n\n"));
    }

    /** The one base image: what a user's Docker pulls and what the container test makes from Debian's packages. */
    static final String BASE = "debian:bookworm-slim";

    /** The first and last lines of the text every service's Dockerfile shares, so that its layers are built once. */
    static final String SHARED_START = "# ---- The same in every service's Dockerfile", SHARED_END = "# ----\n";

    /** The shared text of a service's Dockerfile, from its first line to its end line; empty when there is none. */
    static String sharedPart(String dockerfile) {
        int start = dockerfile.indexOf(SHARED_START);
        int end = start < 0 ? -1 : dockerfile.indexOf(SHARED_END, start + SHARED_START.length());
        return end < 0 ? "" : dockerfile.substring(start, end + SHARED_END.length());
    }

    /** Every stage starts from {@link #BASE} or from an earlier stage of the same file. */
    static List<String> baseRule(String dockerfile) {
        List<String> problems = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        for (Instruction from : parse(dockerfile).stream().filter(i -> i.keyword().equals("FROM")).toList()) {
            String[] words = from.arguments().split("\\s+");
            String image = words[words[0].startsWith("--platform") ? 1 : 0];
            if (!image.equals(BASE) && !stages.contains(image)) {
                problems.add("FROM " + image + ": every stage must start from " + BASE + " or an earlier stage");
            }
            if (words.length >= 3 && words[words.length - 2].equalsIgnoreCase("AS")) {
                stages.add(words[words.length - 1]);
            }
        }
        return problems;
    }

    /** What every service image must have; empty when it does. */
    static List<String> serviceRules(String module, int port, String dockerfile) {
        List<Instruction> all = parse(dockerfile);
        List<String> problems = new ArrayList<>(baseRule(dockerfile));
        List<Instruction> froms = all.stream().filter(i -> i.keyword().equals("FROM")).toList();
        if (froms.isEmpty() || !froms.get(froms.size() - 1).arguments().equals(BASE)) {
            problems.add("the runtime stage must be FROM " + BASE);
        }
        if (all.stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("mvnw"))) {
            problems.add("the image must copy what ./mvnw package built, not run Maven");
        }
        List<Instruction> runtime = froms.isEmpty() ? all : all.subList(all.lastIndexOf(froms.get(froms.size() - 1)), all.size());
        if (runtime.stream().noneMatch(i -> i.keyword().equals("COPY") && i.arguments().startsWith(module + "/target/quarkus-app/"))) {
            problems.add("the runtime stage does not copy " + module + "/target/quarkus-app/");
        }
        if (runtime.stream().noneMatch(i -> (i.keyword().equals("ENTRYPOINT") || i.keyword().equals("CMD"))
                && i.arguments().startsWith("[\"java\"") && i.arguments().contains("\"-jar\", \"quarkus-run.jar\"]"))) {
            problems.add("the image does not run java ... -jar quarkus-run.jar");
        }
        if (runtime.stream().noneMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals(String.valueOf(port)))) {
            problems.add("no EXPOSE " + port);
        }
        if (runtime.stream().noneMatch(i -> i.keyword().equals("HEALTHCHECK")
                && i.arguments().contains(":" + port + "/q/health/ready"))) {
            problems.add("no HEALTHCHECK on :" + port + "/q/health/ready");
        }
        problems.addAll(nonRootRule(runtime));
        return problems;
    }

    /** The last USER of the image is a numeric, non-zero UID. */
    static List<String> nonRootRule(List<Instruction> instructions) {
        List<Instruction> users = instructions.stream().filter(i -> i.keyword().equals("USER")).toList();
        String user = users.isEmpty() ? "" : users.get(users.size() - 1).arguments().split(":")[0];
        return user.matches("[1-9]\\d*") ? List.of() : List.of("the image must end with USER <numeric non-root UID>, has '" + user + "'");
    }

    /** The Debian packages a RUN of the runtime stage installs. */
    static boolean installs(String dockerfile, String packageName) {
        return parse(dockerfile).stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("apt-get install")
                && List.of(i.arguments().split("\\s+")).contains(packageName));
    }
}
