package io.megapipeline.transcribe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.megapipeline.core.stage.RejectedInputException;
import io.megapipeline.testing.KafkaTestResource;
import io.megapipeline.testing.S3TestResource;
import io.megapipeline.testing.WordErrorRate;
import io.megapipeline.transcribe.SpeechClips.Clip;
import io.megapipeline.transcribe.SpeechClips.Layout;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Word error rate of the engine the service runs, on ten clips of real human speech, in several WAV layouts. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class RecognitionAccuracyTest {

    /** The small model gets about 7.5 % on the LibriVox sentences and 12 % on the cards ("four" heard as "for"). */
    private static final double MAX_MEAN_WER = 0.12;
    /**
     * Converting the clips to another layout may cost this much mean WER against the 16 kHz originals.
     * 22.05 and 44.1 kHz give 9.9 %, as the originals. 8 kHz loses everything above 4 kHz, where Kaldi's
     * feature extraction then sees only its own random dither, so the figure varies from run to run:
     * 12.5 % to 15.9 % seen. Without dither it is a steady 13.6 %, but synthetic speech (digital
     * silence) is then recognized far worse (espeak-ng: WER 0.04 becomes 0.58), so the model keeps it.
     */
    private static final double MAX_LAYOUT_LOSS = 0.07;

    private static Double originalMean;

    @Inject
    TranscriptionEngine engine;

    @Inject
    TranscribeConfig config;

    @Test
    void realSpeechIsRecognizedWithinTheErrorBudget() throws RejectedInputException {
        double mean = originalMean();

        assertTrue(mean <= MAX_MEAN_WER, String.format(Locale.ROOT, "mean WER %.3f > %.2f", mean, MAX_MEAN_WER));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void otherRatesAndChannelCountsAreConvertedWithLittleLoss(Layout layout) throws RejectedInputException {
        List<Clip> converted = SpeechClips.all().stream().map(clip -> SpeechClips.convert(clip, layout)).toList();

        double mean = meanWer(layout.name(), converted);

        assertTrue(mean <= originalMean() + MAX_LAYOUT_LOSS, String.format(Locale.ROOT,
                "%s: mean WER %.3f against %.3f for the 16 kHz originals", layout, mean, originalMean()));
    }

    private double originalMean() throws RejectedInputException {
        if (originalMean == null) {
            originalMean = meanWer("16 kHz mono", SpeechClips.all());
        }
        return originalMean;
    }

    /** Transcribes the clips (as many at once as the engine allows), printing each one's WER and the mean. */
    private double meanWer(String label, List<Clip> clips) throws RejectedInputException {
        ExecutorService workers = Executors.newFixedThreadPool(config.maxConcurrency());
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (Clip clip : clips) {
                texts.add(workers.submit(() -> engine.transcribe(clip.bytes()).text()));
            }
            double sum = 0;
            for (int i = 0; i < clips.size(); i++) {
                String text = result(texts.get(i));
                double wer = WordErrorRate.of(clips.get(i).reference(), text);
                sum += wer;
                System.out.printf(Locale.ROOT, "WER %-12s %-42s %5.1f %%  \"%s\"%n", label, clips.get(i).name(),
                        100 * wer, text);
            }
            double mean = sum / clips.size();
            System.out.printf(Locale.ROOT, "WER %-12s mean of %d clips: %.1f %%%n", label, clips.size(), 100 * mean);
            return mean;
        } finally {
            workers.shutdownNow();
        }
    }

    private static String result(Future<String> text) throws RejectedInputException {
        try {
            return text.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedInputException rejected) {
                throw rejected;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
