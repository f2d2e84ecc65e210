package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Mode files of the installed language pairs become null-flush argument lists. */
class ApertiumModesTest {

    private static final Path MODES = Path.of("/usr/share/apertium/modes");

    @Test
    void theInstalledModesBecomeNullFlushPrograms() {
        List<List<String>> programs = ApertiumModes.pipeline(MODES, List.of("eng-spa", "es-fr"));

        assertTrue(programs.size() >= 20, "two pipelines of about ten programs each: " + programs);
        assertEquals("lt-proc", programs.get(0).get(0));
        for (List<String> program : programs) {
            assertTrue(program.contains("-z") || program.get(0).startsWith("apertium-wblank-"),
                    "null-flush mode: " + program);
            assertTrue(program.stream().noneMatch(w -> w.contains("$")), "no shell argument left: " + program);
        }
        List<String> generator = programs.stream().filter(p -> p.get(p.size() - 1).endsWith("eng-spa.autogen.bin"))
                .findFirst().orElseThrow();
        assertEquals(List.of("lt-proc", "-z", "-g"), generator.subList(0, 3), "generation marks unknown words");
    }

    @Test
    void withoutApertiumWblankModeTheFlagIsAddedToEachProgram() throws Exception {
        String mode = Files.readString(MODES.resolve("es-fr.mode")).strip();

        List<List<String>> fallback = ApertiumModes.parse(ApertiumModes.addNullFlush(mode));
        List<List<String>> wblank = ApertiumModes.pipeline(MODES, List.of("es-fr")).stream()
                .filter(p -> !p.get(0).startsWith("apertium-wblank-")).toList();

        assertEquals(wblank, fallback);
    }

    @Test
    void aModeFileIsParsedWithQuotesAndArguments() {
        List<List<String>> programs = ApertiumModes.parse("lt-proc -z '/a b/x.bin' | apertium-tagger -z -g $2 \"/c.prob\" | lt-proc -z $1 /d.bin");

        assertEquals(List.of(List.of("lt-proc", "-z", "/a b/x.bin"), List.of("apertium-tagger", "-z", "-g", "/c.prob"),
                List.of("lt-proc", "-z", "-g", "/d.bin")), programs);
    }

    @Test
    void shellFeaturesAndUnknownModesAreRefused() {
        assertThrows(IllegalStateException.class, () -> ApertiumModes.parse("lt-proc x.bin > /tmp/out"));
        assertThrows(IllegalStateException.class, () -> ApertiumModes.parse("lt-proc $HOME/x.bin"));
        assertThrows(IllegalStateException.class, () -> ApertiumModes.parse("lt-proc x.bin; rm -rf /"));
        assertThrows(IllegalStateException.class, () -> ApertiumModes.pipeline(MODES, List.of("xx-yy")));
        assertThrows(IllegalArgumentException.class, () -> ApertiumModes.pipeline(MODES, List.of("../eng-spa")));
    }
}
