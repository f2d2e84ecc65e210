package io.megapipeline.gateway;

/**
 * Who asks: the owner of the browser's cookie (a digest of its token), and whether every prompt shows
 * to it (class mode). A prompt whose owner is unknown ({@link Owners#NOBODY}) shows only in class mode.
 */
record Viewer(String owner, boolean seesAll) {

    boolean sees(String promptOwner) {
        return seesAll || owner.equals(promptOwner);
    }
}
