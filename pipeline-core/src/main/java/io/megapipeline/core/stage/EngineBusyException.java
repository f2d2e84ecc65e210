package io.megapipeline.core.stage;

/**
 * The engine had no free slot in time (all its processes or recognizers busy): a transient fault, not bad input.
 * A stage tries the prompt again with backoff; a direct endpoint answers 503 with Retry-After.
 */
public class EngineBusyException extends RuntimeException {

    public EngineBusyException(String message) {
        super(message);
    }
}
