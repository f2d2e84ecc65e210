package io.megapipeline.translate;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running chain of Apertium programs in null-flush mode, connected by
 * {@link ProcessBuilder#startPipeline}. A request is a stream-format text ending with a NUL byte; the
 * answer is everything the last program writes up to its next NUL. A reader thread collects the
 * answers, so a pipeline that hangs is noticed by a timeout instead of blocking its caller. Not
 * thread-safe: the pool lends a pipeline to one caller at a time.
 */
final class ApertiumPipeline implements AutoCloseable {

    private static final Object END = new Object();

    private final List<Process> processes;
    private final List<String> programs;
    private final OutputStream input;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();

    private ApertiumPipeline(List<Process> processes, List<String> programs) {
        this.processes = processes;
        this.programs = programs;
        this.input = processes.get(0).getOutputStream();
        Thread reader = new Thread(() -> read(processes.get(processes.size() - 1).getInputStream()),
                "apertium-reader-" + processes.get(0).pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ApertiumPipeline start(List<List<String>> commands) throws IOException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // The programs read and write UTF-8 whatever the service's locale is.
            builder.environment().put("LC_ALL", "C.UTF-8");
            builders.add(builder);
        }
        return new ApertiumPipeline(ProcessBuilder.startPipeline(builders), commands.stream().map(c -> c.get(0)).toList());
    }

    private void read(InputStream stream) {
        try (InputStream in = new BufferedInputStream(stream)) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == 0) {
                    answers.add(answer.toByteArray());
                    answer.reset();
                } else {
                    answer.write(b);
                }
            }
        } catch (IOException e) {
            // the pipeline was closed or a program died: same as the end of its output
        }
        answers.add(END);
    }

    /**
     * Sends one request and waits for its answer. A request is in stream format and ends with a
     * superblank ({@link ApertiumFormat#deformat} writes one); the answer ends with the same blank.
     *
     * @throws PipelineFailedException when a program has died or the answer does not come in time; the
     *             pipeline is then unusable
     */
    String translate(String stream, Duration timeout) throws PipelineFailedException {
        try {
            input.write(stream.getBytes(StandardCharsets.UTF_8));
            input.write(0);
            input.flush();
        } catch (IOException e) {
            throw new PipelineFailedException("the Apertium pipeline does not take input: " + e.getMessage());
        }
        Object answer;
        try {
            answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(); // its answer would come to the next request
            throw new IllegalStateException("interrupted while waiting for Apertium", e);
        }
        if (answer == null) {
            throw new PipelineFailedException("Apertium did not answer within " + timeout);
        }
        if (answer == END) {
            throw new PipelineFailedException("an Apertium program stopped: " + exits());
        }
        String text = new String((byte[]) answer, StandardCharsets.UTF_8);
        if (!text.endsWith(ApertiumFormat.LAST_BLANK)) {
            // The blank that ends every request comes out last; without it, a dying program flushed half an answer.
            throw new PipelineFailedException("Apertium answered incompletely (" + exits() + ")");
        }
        return text;
    }

    boolean isAlive() {
        return processes.stream().allMatch(Process::isAlive);
    }

    /** The running programs, first to last. */
    List<ProcessHandle> processes() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** The programs that stopped, once one has (they are noticed a moment after their output ends). */
    private String exits() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> stopped = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                stopped.add(programs.get(i) + " (status " + p.exitValue() + ")");
            }
        }
        return stopped.isEmpty() ? "all programs still running" : String.join(", ", stopped);
    }

    /** Ends the programs: closing the input lets them finish on their own; stragglers are killed. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // already gone
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** Kills the programs at once: for a pipeline that failed. */
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    /** The pipeline died or hung while translating. */
    static final class PipelineFailedException extends Exception {
        PipelineFailedException(String message) {
            super(message);
        }
    }
}
