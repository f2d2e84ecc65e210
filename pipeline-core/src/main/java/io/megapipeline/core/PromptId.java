package io.megapipeline.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A prompt id: 26 characters of lower-case Crockford base32 (a ULID), time-ordered and URL-safe.
 * Ten characters hold the creation time in milliseconds, sixteen are random, so ids sort by creation
 * time as strings. Every id that reaches a service is checked against the pattern before it is used
 * in an object key.
 */
public final class PromptId implements Comparable<PromptId> {

    public static final String PATTERN = "[0-7][0-9a-hjkmnp-tv-z]{25}";
    public static final int LENGTH = 26;
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static long lastMillis;
    private static final byte[] lastRandom = new byte[10];

    private final String value;

    private PromptId(String value) {
        this.value = value;
    }

    /** Parses an id, refusing anything that does not match the pattern exactly. */
    @JsonCreator
    public static PromptId of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("prompt id is empty");
        }
        if (value.length() != LENGTH) {
            throw new IllegalArgumentException("prompt id must have " + LENGTH + " characters, not " + value.length());
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("prompt id '" + printable(value) + "' has characters outside " + PATTERN);
        }
        return new PromptId(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() == LENGTH && VALID.matcher(value).matches();
    }

    /** A new id, greater than every id generated before it in this JVM. */
    public static synchronized PromptId generate() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            RANDOM.nextBytes(lastRandom);
        } else {
            increment(lastRandom); // same millisecond: keep the order by counting up
        }
        char[] out = new char[LENGTH];
        long time = lastMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits as 16 base32 characters
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (lastRandom[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (lastRandom[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new PromptId(new String(out));
    }

    private static void increment(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (++bytes[i] != 0) {
                return;
            }
        }
    }

    /** The creation time encoded in the id. */
    public Instant createdAt() {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | new String(ALPHABET).indexOf(value.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(40).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format("\\u%04x", cp));
            }
        });
        return value.length() > 40 ? sb + "..." : sb.toString();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptId other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(PromptId o) {
        return value.compareTo(o.value);
    }
}
