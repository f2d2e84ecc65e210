package io.megapipeline.core;

/** A record value that is not a valid event; the message says what is wrong with it. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
