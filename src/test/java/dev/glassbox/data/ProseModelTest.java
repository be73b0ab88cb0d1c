package dev.glassbox.data;

import dev.glassbox.sample.GptLanguageModel;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** The shipped character model loads and has learned its corpus: far below a uniform guess, and it writes real words. */
class ProseModelTest {

    @Test
    void theShippedModelPredictsItsCorpusFarBetterThanAUniformGuess() throws IOException {
        var prose = ProseModel.load();
        assertEquals(350_304, prose.model().parameterCount());
        String text;
        try (var in = ProseModel.class.getResourceAsStream(ProseModel.CORPUS)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the validation part (last 10 %), one window of the model's context
        String window = text.substring(text.length() - 2000, text.length() - 2000 + 65);
        int[] ids = prose.tokenizer().encode(window);
        int[][] inputs = {java.util.Arrays.copyOf(ids, 64)}, targets = {java.util.Arrays.copyOfRange(ids, 1, 65)};
        float loss = prose.model().forward(inputs, targets);
        assertTrue(loss < 2.5, "loss " + loss + " per character; a uniform guess over 88 characters is ln 88 = 4.48");

        String generated = new Generator(new GptLanguageModel(prose.model()), prose.tokenizer()::decode)
                .generate(prose.tokenizer().encode("The model"), 200, new Sampler(SamplingOptions.sampling().temperature(0.7), 7)).text();
        long realWords = java.util.Arrays.stream(generated.split("[^a-z]+"))
                .filter(w -> w.length() >= 4 && text.contains(" " + w + " ")).count();
        assertTrue(realWords >= 5, "words of 4+ letters that occur in the corpus: " + realWords + " in " + generated);
    }
}
