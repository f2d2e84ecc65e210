package io.megapipeline.core;

import java.util.regex.Pattern;

/** Names of services and stages as they appear in events: {@code translate-text}, {@code gateway}. */
final class Services {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private Services() {
    }

    static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a service name");
        }
    }
}
