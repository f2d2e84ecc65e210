package io.megapipeline.synthesis;

import java.util.concurrent.Semaphore;

/** How many texts an engine reads at once ({@code synthesis.max-concurrency}); more wait their turn, in order. */
final class SpeechSlots {

    private final Semaphore slots;

    SpeechSlots(int count) {
        this.slots = new Semaphore(count, true);
    }

    void acquire() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a speech slot", e);
        }
    }

    void release() {
        slots.release();
    }
}
