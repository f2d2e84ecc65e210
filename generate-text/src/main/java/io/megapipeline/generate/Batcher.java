package io.megapipeline.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

import io.megapipeline.generate.DecoderModel.Continuation;

/**
 * Decodes the prompts that wait at the same time as one batch: one batch step costs little more than
 * a single row's, so this is what makes a replica's throughput grow with its load. One thread takes
 * the first waiting prompt, waits up to {@code wait} for more (up to {@code maxBatch}), decodes them
 * together and hands each caller its continuation.
 */
final class Batcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Batcher.class);

    private record Job(long[] prompt, Sampling sampling, CompletableFuture<Continuation> result) {
    }

    private final DecoderModel model;
    private final int maxBatch;
    private final long waitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final IntConsumer batchSizes;
    private final Thread thread;
    private volatile boolean closed;

    /** {@code batchSizes} hears the size of every batch decoded (for metrics). */
    Batcher(DecoderModel model, int maxBatch, Duration wait, IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.waitNanos = wait.toNanos();
        this.batchSizes = batchSizes;
        this.thread = new Thread(this::run, "generate-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Continues one prompt; blocks until its batch is decoded. */
    Continuation generate(long[] prompt, Sampling sampling) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the text generator is shut down");
        }
        CompletableFuture<Continuation> result = new CompletableFuture<>();
        queue.add(new Job(prompt, sampling, result));
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                decode(nextBatch());
            }
        } catch (InterruptedException e) {
            // closed
        }
        for (Job job : queue) {
            job.result.completeExceptionally(new IllegalStateException("the text generator is shutting down"));
        }
    }

    private List<Job> nextBatch() throws InterruptedException {
        List<Job> batch = new ArrayList<>(maxBatch);
        batch.add(queue.take());
        long deadline = System.nanoTime() + waitNanos;
        while (batch.size() < maxBatch) {
            Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void decode(List<Job> batch) {
        batchSizes.accept(batch.size());
        try {
            List<Continuation> results = model.generate(batch.stream().map(Job::prompt).toList(),
                    batch.stream().map(Job::sampling).toList(), true);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(results.get(i));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "decoding a batch of %d prompts failed", batch.size());
            batch.forEach(job -> job.result.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
