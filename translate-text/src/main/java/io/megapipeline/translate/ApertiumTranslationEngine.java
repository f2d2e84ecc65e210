package io.megapipeline.translate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.core.stage.Texts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * English to French with Apertium through a pivot language (the installed pairs of translate.apertium.pairs:
 * eng-cat and cat-fra by default), the stories' names and common phrases as {@link StoryGlossary} has them. The
 * programs run persistently in a pool (see {@link ApertiumPool}); each paragraph, or each group of
 * whole sentences of a long one, is one request. Words Apertium does not know are kept as they are,
 * without its marks, and counted in {@code translate_unknown_words_total}.
 */
@Startup
@ApplicationScoped
public class ApertiumTranslationEngine implements TranslationEngine {

    private static final Logger LOG = Logger.getLogger(ApertiumTranslationEngine.class);
    private static final String PROBE = "Hello.";

    private final TranslateConfig config;
    private final ApertiumPool pool;
    private final Counter unknownWords;

    ApertiumTranslationEngine(TranslateConfig config, MeterRegistry registry) {
        this.config = config;
        if (config.maxPieceChars() < 100) {
            throw new IllegalArgumentException("translate.max-piece-chars is " + config.maxPieceChars()
                    + "; expected at least 100");
        }
        List<List<String>> commands = ApertiumModes.pipeline(Path.of(config.apertium().modesDir()),
                config.apertium().pairs());
        this.pool = new ApertiumPool(commands, config.maxConcurrency(), config.apertium().timeout());
        this.unknownWords = Counter.builder("translate.unknown.words").tag("engine", "apertium")
                .description("words the translator did not know and left untranslated").register(registry);
        // One probe per pipeline (the pool lends them in turn), so each has loaded its data before the first request.
        try {
            for (int i = 0; i < pool.size(); i++) {
                if (translatePiece(PROBE).isBlank()) {
                    throw new IllegalStateException(describe() + " translated a probe sentence to nothing");
                }
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.infof("%s ready: %d pipelines of %d programs", describe(), pool.size(), commands.size());
    }

    @Override
    public String describe() {
        return "apertium " + String.join(" + ", config.apertium().pairs());
    }

    @Override
    public boolean isReady() {
        return pool.isOpen();
    }

    @Override
    public String translate(String english) throws RejectedInputException {
        TranslationText.check(english, config.maxChars());
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : Texts.paragraphs(english)) {
            List<String> pieces = new ArrayList<>();
            for (String piece : TranslationText.pieces(paragraph, config.maxPieceChars())) {
                TranslationText.Cleaned cleaned = TranslationText.clean(translateStory(piece));
                unknownWords.increment(cleaned.unknownWords());
                pieces.add(cleaned.text());
            }
            paragraphs.add(String.join(" ", pieces));
        }
        String french = String.join("\n\n", paragraphs);
        if (french.isBlank()) {
            throw new RejectedInputException("the text has nothing to translate");
        }
        return french;
    }

    /** One line through the pipeline, marks and all: what {@code apertium eng-cat | apertium cat-fra} prints. */
    String translatePiece(String line) {
        return ApertiumFormat.reformat(pool.translate(ApertiumFormat.deformat(line)));
    }

    /** One line of a story: its names and common phrases go through as {@link StoryGlossary} has them. */
    String translateStory(String line) {
        if (!config.apertium().glossary()) {
            return translatePiece(line);
        }
        return ApertiumFormat.reformat(pool.translate(ApertiumFormat.deformat(line, StoryGlossary.spans(line))));
    }

    /** The running programs of every pooled pipeline. */
    List<ProcessHandle> processes() {
        return pool.processes();
    }

    @PreDestroy
    void stop() {
        pool.close();
    }
}
