package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tool's command line: its positional arguments, then options as {@code --name value} pairs. */
record ToolArguments(List<String> positional, Map<String, String> options) {

    /** The arguments; with fewer than {@code required} positional ones, the usage on stderr and exit status 2. */
    static ToolArguments parse(String[] args, int required, String usage) {
        if (args.length < required) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = required; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return new ToolArguments(List.of(args).subList(0, required), options);
    }

    Path path(int index) {
        return Path.of(positional.get(index));
    }

    String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    /** The stack of the first two arguments, its gateway's URL and its state directory, in the mode of --mode. */
    Stack stack() throws IOException {
        return Stack.of(positional.get(0), path(1), options.get("--mode"));
    }
}
