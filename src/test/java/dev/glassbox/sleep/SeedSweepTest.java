package dev.glassbox.sleep;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded sweep chapter 10 reads cannot drift from the code: two of its rows are trained again here
 * (a few seconds each, one core) and must give the figures the committed file holds, and the file holds
 * exactly the runs of {@link SeedSweep#CHAPTER_PLAN}. If the training code changes on purpose, rerun
 * {@value SeedSweep#COMMAND} and commit the new file.
 */
class SeedSweepTest {
    static List<SeedSweep.Row> recorded;
    static SleepNights.Dataset nights;

    @BeforeAll
    static void read() {
        recorded = SeedSweep.recorded();
        nights = SeedSweep.nights();
    }

    /** The chapter's cell: the random-position classifier, weight seed 7, batch seed 3, attention init std 0.7, 200 steps. */
    @Test
    void theChaptersRunGivesTheRecordedRow() {
        assertRecorded(SeedSweep.train(nights, SeedSweep.Model.RANDOM_POSITION, 7, 3, 0.7f, 200));
    }

    /** The first part's classifier on the same nights, seed 5, batches in the order of seed 5, GPT-2's 0.02, 200 steps. */
    @Test
    void theFirstPartsRunGivesTheRecordedRow() {
        assertRecorded(SeedSweep.train(nights, SeedSweep.Model.FIRST_PART, 5, 5, 0.02f, 200));
    }

    @Test
    void theFileHoldsEveryRunOfTheChaptersPlanOnce() {
        Set<String> planned = new HashSet<>();
        for (SeedSweep.Spec run : SeedSweep.runs(SeedSweep.CHAPTER_PLAN)) {
            planned.add(key(run.model(), run.seed(), run.batchSeed(), run.attentionInitStd(), run.steps()));
        }
        assertEquals(130, planned.size(), "7 seeds x (7 spreads + 0.7 for 250 steps + the first part for 200 and 600) x 2 batch orders, "
                + "less the 10 runs of seed 3, the same in both");
        Set<String> found = new HashSet<>();
        for (SeedSweep.Row row : recorded) {
            assertTrue(found.add(key(row.model(), row.seed(), row.batchSeed(), row.attentionInitStd(), row.steps())), row + " twice");
            assertEquals(Math.round(row.heldOutAccuracy() * 200) / 200.0, row.heldOutAccuracy(), 1e-12, row + ": a share of 200 nights");
        }
        assertEquals(planned, found);
    }

    @Test
    void writeAndReadKeepTheRowsAndLeaveNoPartialFile(@TempDir Path dir) throws Exception {
        var rows = List.of(new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 3, 3, 0.7f, 200, 0.815, 0.3012),
                new SeedSweep.Row(SeedSweep.Model.FIRST_PART, 4, 9, 0.02f, 600, 0.5, 0.6931));
        Path file = dir.resolve("sweep.csv");
        SeedSweep.write(rows, file);
        assertEquals(List.of(file), Files.list(dir).toList());
        assertEquals(List.of("# chapter 10's seed sweep, written by: " + SeedSweep.COMMAND, SeedSweep.HEADER,
                "RANDOM_POSITION,3,3,0.7,200,0.815,0.3012", "FIRST_PART,4,9,0.02,600,0.500,0.6931"), Files.readAllLines(file));
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(rows, SeedSweep.read(in, "sweep.csv"));
        }
    }

    @Test
    void aBadLineFailsWithItsNumber() {
        String text = "# a comment\n" + SeedSweep.HEADER + "\nRANDOM_POSITION,1,3,0.7,200,0.840,0.2890\nRANDOM_POSITION,2,3,0.7,200,high,0.2\n";
        var e = assertThrows(IllegalArgumentException.class,
                () -> SeedSweep.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "sweep.csv"));
        assertTrue(e.getMessage().startsWith("sweep.csv line 4: 'RANDOM_POSITION,2,3,0.7,200,high,0.2' is not a sweep row"), e.getMessage());
        var noHeader = assertThrows(IllegalArgumentException.class,
                () -> SeedSweep.read(new ByteArrayInputStream("RANDOM_POSITION,1,3,0.7,200,0.84,0.28\n".getBytes(StandardCharsets.UTF_8)), "x.csv"));
        assertTrue(noHeader.getMessage().startsWith("x.csv line 1: expected the header"), noHeader.getMessage());
    }

    /** Three runs laid out by spread and seed: each value lands in its row and column, a missing run shows "-". */
    @Test
    void bySeedPutsEachRunInItsRowAndColumn() {
        var rows = List.of(new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 1, 3, 0.02f, 200, 0.74, 0.49),
                new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 1, 3, 0.7f, 200, 0.84, 0.29),
                new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 2, 3, 0.7f, 200, 0.875, 0.22));
        assertEquals("attention init std |     1     2\n"
                   + "              0.02 | 0.740     -\n"
                   + "               0.7 | 0.840 0.875",
                SeedSweep.bySeed(rows, "attention init std", SeedSweep.Row::attentionInitStd, SeedSweep.Row::heldOutAccuracy));
        var twice = assertThrows(IllegalArgumentException.class, () -> SeedSweep.bySeed(List.of(rows.get(1), rows.get(1)), "steps",
                SeedSweep.Row::steps, SeedSweep.Row::heldOutAccuracy));
        assertTrue(twice.getMessage().contains("two runs for steps 200, seed 1"), twice.getMessage());
    }

    private static void assertRecorded(SeedSweep.Run run) {
        SeedSweep.Row expected = run.row();
        var match = recorded.stream().filter(r -> r.model() == expected.model() && r.seed() == expected.seed()
                && r.batchSeed() == expected.batchSeed() && r.attentionInitStd() == expected.attentionInitStd() && r.steps() == expected.steps()).toList();
        assertEquals(1, match.size(), "one recorded row for " + expected);
        assertEquals(match.get(0).heldOutAccuracy(), run.heldOutAccuracy(), 0, "held-out accuracy of " + expected);
        assertEquals(match.get(0).lastLoss(), run.lastLoss(), 0.51e-4, "mean loss of the last 50 steps of " + expected);
    }

    private static String key(SeedSweep.Model model, long seed, long batchSeed, float std, int steps) {
        return model + " " + seed + " " + batchSeed + " " + std + " " + steps;
    }
}
