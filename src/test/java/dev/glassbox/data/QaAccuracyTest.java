package dev.glassbox.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.glassbox.data.QaSamplesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

class QaAccuracyTest {
    private final List<QaSample> samples = List.of(
            new QaSample("2+2=?", "4"),
            new QaSample("9+9=?", "18"),
            new QaSample("capital of Peru?", "Lima"),
            new QaSample("1+0=?", "1"));

    @Test
    void countsExactMatchesUpToTheEndMarker() {
        // canned generations: right and followed by more text, a prefix of the truth, right but
        // with no end marker, and right but with a leading space
        Map<String, String> generated = Map.of(
                "Q:2+2=?A:", "4\nQ:3+3=?A:6\n",
                "Q:9+9=?A:", "1\n",
                "Q:capital of Peru?A:", "Lima",
                "Q:1+0=?A:", " 1\n");
        QaAccuracy.Result result = QaAccuracy.exactMatch(samples, generated::get);
        assertEquals(2, result.correct());
        assertEquals(4, result.total());
        assertEquals(0.5, result.accuracy());
        assertEquals("2 of 4 correct (50.0 %)", result.toString());
        assertEquals(2, result.mistakes().size());
        assertEquals("Q:9+9=?A: expected \"18\", got \"1\"", result.mistakes().get(0).toString());
        assertEquals(" 1", result.mistakes().get(1).got());
    }

    @Test
    void perfectAndHopelessAnswerers() {
        assertEquals(1.0, QaAccuracy.exactMatch(samples, prompt -> answerOf(prompt) + "\n").accuracy());
        assertEquals(0.0, QaAccuracy.exactMatch(samples, prompt -> "").accuracy());
    }

    @Test
    void badInput() {
        assertMessage(() -> QaAccuracy.exactMatch(List.of(), p -> "x"), "need at least one sample to measure accuracy");
        assertMessage(() -> QaAccuracy.exactMatch(samples, p -> null), "the answerer returned null for prompt \"Q:2+2=?A:\"");
    }

    private String answerOf(String prompt) {
        return samples.stream().filter(s -> s.prompt().equals(prompt)).findFirst().orElseThrow().answer();
    }
}
