package io.megapipeline.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One byte range of an HTTP Range header (RFC 9110 14.1), resolved against the object's length. */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * The range asked for; empty when there is no header or it asks for several ranges (the whole
     * object is sent then, as the RFC allows).
     *
     * @throws Unsatisfiable for a malformed range or one that starts past the end
     */
    static Optional<ByteRange> parse(String header, long total) {
        if (header == null || header.isBlank() || header.contains(",")) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw new Unsatisfiable("malformed range '" + header + "'");
        }
        try {
            if (m.group(1).isEmpty()) { // the last n bytes
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || total == 0) {
                    throw new Unsatisfiable("empty range '" + header + "'");
                }
                return Optional.of(new ByteRange(Math.max(0, total - suffix), total - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
            if (first >= total || last < first) {
                throw new Unsatisfiable("range '" + header + "' is outside the " + total + " bytes");
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            throw new Unsatisfiable("malformed range '" + header + "'");
        }
    }

    /** A Range header that no part of the object satisfies: 416. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String message) {
            super(message);
        }
    }
}
