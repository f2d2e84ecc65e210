package io.megapipeline.core.store;

/** No object at that key. */
public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
        super("no object at " + key);
    }
}
