package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The pool's restarts, with stand-in programs whose behaviour is certain: {@code cat} answers every
 * NUL-terminated request with itself, {@code sleep} never answers, {@code head -c 1} dies mid-answer.
 */
class ApertiumPoolTest {

    @Test
    void aRequestEndingWithNulIsAnsweredUpToTheNextNul() {
        try (ApertiumPool pool = new ApertiumPool(List.of(List.of("cat"), List.of("cat")), 1, Duration.ofSeconds(5))) {
            assertEquals("première", ApertiumFormat.reformat(pool.translate(ApertiumFormat.deformat("première"))));
            assertEquals("seconde", ApertiumFormat.reformat(pool.translate(ApertiumFormat.deformat("seconde"))));
        }
    }

    @Test
    void anAnswerWithoutTheClosingBlankIsIncomplete() {
        try (ApertiumPool pool = new ApertiumPool(List.of(List.of("cat")), 1, Duration.ofSeconds(5))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.translate("half an answer"));

            assertTrue(e.getMessage().contains("Apertium answered incompletely"), e.getMessage());
        }
    }

    @Test
    void aPipelineThatDoesNotAnswerIsRestartedAndTheRequestFailsAfterTwoTries() throws Exception {
        try (ApertiumPool pool = new ApertiumPool(List.of(List.of("sleep", "60")), 1, Duration.ofMillis(300))) {
            List<ProcessHandle> before = pool.processes();

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.translate(ApertiumFormat.deformat("hello")));

            assertTrue(e.getMessage().contains("did not answer within PT0.3S"), e.getMessage());
            assertNotEquals(before, pool.processes());
            for (ProcessHandle hung : before) {
                hung.onExit().get(5, TimeUnit.SECONDS); // the hung program was killed
            }
        }
    }

    @Test
    void aProgramThatDiesMidAnswerIsReported() {
        try (ApertiumPool pool = new ApertiumPool(List.of(List.of("head", "-c", "1")), 1, Duration.ofSeconds(5))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.translate(ApertiumFormat.deformat("hello")));

            assertTrue(e.getMessage().contains("an Apertium program stopped: head (status 0)"), e.getMessage());
        }
    }

    @Test
    void closingEndsEveryProgram() {
        ApertiumPool pool = new ApertiumPool(List.of(List.of("cat"), List.of("cat")), 2, Duration.ofSeconds(5));
        List<ProcessHandle> processes = pool.processes();
        assertEquals(4, processes.size());

        pool.close();

        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive));
        assertThrows(IllegalStateException.class, () -> pool.translate("late"));
    }
}
