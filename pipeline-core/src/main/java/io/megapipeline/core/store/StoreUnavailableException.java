package io.megapipeline.core.store;

/** The store could not be reached or failed on its side: a transient fault, worth retrying. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
