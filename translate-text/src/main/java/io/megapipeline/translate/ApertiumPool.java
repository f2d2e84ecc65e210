package io.megapipeline.translate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.megapipeline.core.stage.EngineBusyException;
import io.megapipeline.translate.ApertiumPipeline.PipelineFailedException;

/**
 * A fixed number of persistent Apertium pipelines. Starting the programs costs far more than a
 * translation, so they are started once and reused; a caller borrows a pipeline for one request. A
 * pipeline whose program died, or that did not answer in time, is killed and started again, and the
 * request is tried once more on the fresh pipeline.
 */
final class ApertiumPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApertiumPool.class);

    /** One place in the pool; holds a running pipeline, or none after a failed start. */
    private static final class Slot {
        volatile ApertiumPipeline pipeline;
    }

    private final List<List<String>> commands;
    private final Duration timeout;
    private final BlockingQueue<Slot> free;
    private final List<Slot> slots = new ArrayList<>();
    private volatile boolean closed;

    ApertiumPool(List<List<String>> commands, int size, Duration timeout) {
        if (size < 1 || size > 64) {
            throw new IllegalArgumentException("translator pool size is " + size + "; expected 1 to 64");
        }
        this.commands = List.copyOf(commands);
        this.timeout = timeout;
        this.free = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Slot slot = new Slot();
                slot.pipeline = start();
                slots.add(slot);
                free.add(slot);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Translates one request in stream format; answers in stream format. */
    String translate(String stream) {
        Slot slot = borrow();
        try {
            for (int attempt = 1;; attempt++) {
                if (slot.pipeline == null || !slot.pipeline.isAlive()) {
                    replace(slot, "a program of the pipeline is not running");
                }
                try {
                    return slot.pipeline.translate(stream, timeout);
                } catch (PipelineFailedException e) {
                    if (attempt == 2) {
                        replace(slot, e.getMessage());
                        throw new IllegalStateException("Apertium failed twice on this text: " + e.getMessage());
                    }
                    replace(slot, e.getMessage());
                }
            }
        } finally {
            free.add(slot);
        }
    }

    private Slot borrow() {
        if (closed) {
            throw new IllegalStateException("the translator is shut down");
        }
        try {
            Slot slot = free.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new EngineBusyException("no Apertium pipeline was free within " + timeout);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an Apertium pipeline", e);
        }
    }

    private void replace(Slot slot, String reason) {
        LOG.warnf("restarting an Apertium pipeline: %s", reason);
        if (slot.pipeline != null) {
            slot.pipeline.kill();
            slot.pipeline = null;
        }
        slot.pipeline = start();
    }

    private ApertiumPipeline start() {
        try {
            return ApertiumPipeline.start(commands);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Apertium programs " + programs() + ": " + e.getMessage()
                    + "; install the Debian packages apertium, apertium-eng-cat and apertium-fra-cat", e);
        }
    }

    private List<String> programs() {
        return commands.stream().map(c -> c.get(0)).distinct().toList();
    }

    /** The programs of every pooled pipeline, for tests that kill one. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Slot slot : slots) {
            ApertiumPipeline pipeline = slot.pipeline;
            if (pipeline != null) {
                all.addAll(pipeline.processes());
            }
        }
        return all;
    }

    int size() {
        return slots.size();
    }

    boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            ApertiumPipeline pipeline = slot.pipeline;
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }
}
