package io.megapipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream format done in Java matches apertium-destxt and apertium-retxt. */
class ApertiumFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "The quick brown fox jumps over the lazy dog.",
            "No final period",
            "Is it?  Yes.\tSure!",
            "Brackets [and] {braces}, a\\b, a/b, ^x$, @me, <tag>, 100% & #1 *star*",
            "A tilde~here and ~ there",
            "Accents: déjà vu, naïve, “quotes” — and … dots" })
    void deformatIsWhatDestxtWrites(String line) {
        String destxt = Programs.run(line + "\n", List.of("apertium-destxt"));

        assertEquals(destxt, ApertiumFormat.deformat(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Le renard marron rapide saute le chien paresseux..[][\n]",
            "Salut Monde.[][\n]",
            "Les jouets du chat \\[et\\] \\{autrui\\} coûtent \\$5 \\@ la boutique \\<**b\\>.[][\n]",
            "a[  ]b[\t]c[~ ]d.[][\n]" })
    void reformatIsWhatRetxtWrites(String stream) {
        String retxt = Programs.strip(Programs.run(stream, List.of("apertium-retxt")));

        assertEquals(retxt, ApertiumFormat.reformat(stream));
    }
}
