package dev.glassbox.data;

import dev.glassbox.data.QaSamples.Operation;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QaSamplesTest {

    @Test
    void sampleLineHasTheEssaysFormat() {
        QaSample s = new QaSample("12+7=?", "19");
        assertEquals("Q:12+7=?A:", s.prompt());
        assertEquals("Q:12+7=?A:19\n", s.text());
    }

    @Test
    void arithmeticCoversEveryPairWithCorrectAnswers() {
        List<QaSample> sums = QaSamples.arithmetic(9, Operation.ADD);
        assertEquals(100, sums.size());
        assertEquals(new QaSample("0+0=?", "0"), sums.get(0));
        assertEquals(new QaSample("9+9=?", "18"), sums.get(99));
        assertTrue(sums.contains(new QaSample("7+5=?", "12")));

        // subtraction only for a ≥ b: 0..9 gives 10 + 9 + … + 1 = 55 questions
        List<QaSample> differences = QaSamples.arithmetic(9, Operation.SUBTRACT);
        assertEquals(55, differences.size());
        assertTrue(differences.contains(new QaSample("9-4=?", "5")));
        assertTrue(differences.stream().noneMatch(s -> s.question().equals("4-9=?")));

        List<QaSample> all = QaSamples.arithmetic(20, Operation.ADD, Operation.SUBTRACT, Operation.MULTIPLY);
        assertEquals(441 + 231 + 441, all.size());
        for (QaSample s : all) {                    // every answer recomputed independently from the text
            String q = s.question();
            char op = q.chars().filter(c -> c == '+' || c == '-' || c == '*').mapToObj(c -> (char) c).findFirst().orElseThrow();
            String[] ab = q.substring(0, q.length() - 2).split("[+*-]");
            int a = Integer.parseInt(ab[0]), b = Integer.parseInt(ab[1]);
            int expected = op == '+' ? a + b : op == '-' ? a - b : a * b;
            assertEquals(Integer.toString(expected), s.answer(), q);
        }
    }

    @Test
    void factsAreTheBuiltInTable() {
        List<QaSample> facts = QaSamples.facts();
        assertEquals(42, facts.size());
        assertTrue(facts.contains(new QaSample("capital of France?", "Paris")));
        assertTrue(facts.contains(new QaSample("colour of grass?", "green")));
        assertTrue(facts.contains(new QaSample("sound of a cow?", "moo")));
        assertEquals(42, facts.stream().map(QaSample::question).distinct().count());
    }

    @Test
    void heldOutQuestionsNeverAppearInTraining() {
        List<QaSample> all = QaSamples.arithmetic(30, Operation.ADD, Operation.SUBTRACT);
        QaSamples.Split split = QaSamples.split(all, 0.2, 42);
        Set<String> trainQuestions = split.train().stream().map(QaSample::question).collect(Collectors.toSet());
        for (QaSample s : split.heldOut()) {
            assertTrue(!trainQuestions.contains(s.question()), "held-out question " + s.question() + " is in training");
            assertTrue(!QaSamples.text(split.train()).contains(s.prompt()), "held-out prompt " + s.prompt() + " in training text");
        }
        assertEquals(Math.round(0.2 * all.size()), split.heldOut().size());
        assertEquals(all.size(), split.train().size() + split.heldOut().size());
        assertEquals(new HashSet<>(all), union(split));
    }

    @Test
    void splitIsSeeded() {
        List<QaSample> all = QaSamples.arithmetic(9, Operation.ADD);
        assertEquals(QaSamples.split(all, 0.2, 7), QaSamples.split(all, 0.2, 7));
        assertNotEquals(QaSamples.split(all, 0.2, 7).heldOut(), QaSamples.split(all, 0.2, 8).heldOut());
    }

    @Test
    void textJoinsLines() {
        assertEquals("Q:1+1=?A:2\nQ:capital of Peru?A:Lima\n",
                QaSamples.text(List.of(new QaSample("1+1=?", "2"), new QaSample("capital of Peru?", "Lima"))));
    }

    @Test
    void shuffledTextRepeatsEverySampleOncePerEpochInNewOrders() {
        List<QaSample> samples = QaSamples.arithmetic(4, Operation.ADD);       // 25 lines
        String text = QaSamples.shuffledText(samples, 3, 9);
        List<String> lines = List.of(text.split("\n"));
        assertEquals(75, lines.size());
        List<String> expected = samples.stream().map(s -> s.prompt() + s.answer()).sorted().toList();
        for (int e = 0; e < 3; e++) {
            assertEquals(expected, lines.subList(25 * e, 25 * (e + 1)).stream().sorted().toList(), "epoch " + e);
        }
        assertNotEquals(lines.subList(0, 25), lines.subList(25, 50));
        assertEquals(text, QaSamples.shuffledText(samples, 3, 9));
        assertMessage(() -> QaSamples.shuffledText(samples, 0, 9), "number of epochs must be at least 1, got 0");
    }

    @Test
    void badInput() {
        assertMessage(() -> QaSamples.arithmetic(0, Operation.ADD), "largest operand must lie in 1..999, got 0");
        assertMessage(() -> QaSamples.arithmetic(5), "choose at least one operation");
        assertMessage(() -> new QaSample("", "1"), "question must not be empty");
        assertMessage(() -> new QaSample("1+1=?", "2\n3"), "answer \"2\\n3\" contains the end marker \\n, which would cut the line short");
        assertMessage(() -> new QaSample("A:1", "2"), "question \"A:1\" contains \"A:\", which marks the start of the answer");
        List<QaSample> all = QaSamples.arithmetic(9, Operation.ADD);
        assertMessage(() -> QaSamples.split(all, 0, 1), "held-out fraction must lie strictly between 0 and 1, got 0.0");
        assertMessage(() -> QaSamples.split(all, 0.001, 1),
                "holding out 0.001 of 100 samples leaves 0 held out and 100 for training; each part needs at least one");
        List<QaSample> twice = List.of(new QaSample("1+1=?", "2"), new QaSample("1+1=?", "3"));
        assertMessage(() -> QaSamples.split(twice, 0.5, 1), "question \"1+1=?\" appears twice (answers \"2\" and \"3\")");
    }

    private static Set<QaSample> union(QaSamples.Split split) {
        Set<QaSample> all = new HashSet<>(split.train());
        all.addAll(split.heldOut());
        return all;
    }

    static void assertMessage(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }
}
