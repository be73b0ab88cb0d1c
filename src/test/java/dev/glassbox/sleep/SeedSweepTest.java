package dev.glassbox.sleep;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded sweep chapter 10 reads cannot drift from the code: two of its rows are trained again here
 * (a few seconds each, one core) and must give the figures the committed file holds, and the file holds
 * exactly the runs of {@link SeedSweep#CHAPTER_PLAN}. If the training code changes on purpose, rerun
 * {@value SeedSweep#COMMAND} and commit the new file.
 */
class SeedSweepTest {
    static Table recorded;
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
            planned.add(key(run.model().name(), run.seed(), run.batchSeed(), run.attentionInitStd(), run.steps()));
        }
        assertEquals(130, planned.size(), "7 seeds x (7 spreads + 0.7 for 250 steps + the first part for 200 and 600) x 2 batch orders, less the 10 runs of seed 3, the same in both");
        Set<String> found = new HashSet<>();
        for (int r = 0; r < recorded.rowCount(); r++) {
            var row = recorded.row(r);
            assertTrue(found.add(key(row.getString("model"), row.getInt("seed"), row.getInt("batch_seed"), (float) row.getDouble("attention_init_std"), row.getInt("steps"))),
                    "row " + r + " twice");
            double accuracy = row.getDouble("held_out_accuracy");
            assertEquals(Math.round(accuracy * 200) / 200.0, accuracy, 1e-12, "row " + r + ": a share of 200 nights");
        }
        assertEquals(planned, found);
    }

    @Test
    void writeAndReadKeepTheRowsAndLeaveNoPartialFile(@TempDir Path dir) throws Exception {
        var rows = List.of(new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 3, 3, 0.7f, 200, 0.815, 0.3012),
                new SeedSweep.Row(SeedSweep.Model.FIRST_PART, 4, 9, 0.02f, 600, 0.5, 0.6931));
        Path file = dir.resolve("sweep.csv");
        SeedSweep.write(SeedSweep.table(rows), file);
        assertEquals(List.of(file), Files.list(dir).toList());
        Table back;
        try (InputStream in = Files.newInputStream(file)) {
            back = SeedSweep.read(in);
        }
        assertEquals(2, back.rowCount());
        assertEquals("FIRST_PART", back.row(1).getString("model"));
        assertEquals(9, back.row(1).getInt("batch_seed"));
        assertEquals(0.02, back.row(1).getDouble("attention_init_std"), 0);
        assertEquals(0.815, back.row(0).getDouble("held_out_accuracy"), 0);
        assertEquals(0.6931, back.row(1).getDouble("last_loss"), 0);
    }

    /** Three runs laid out by spread and seed: each value lands in its row and column, a missing run stays empty. */
    @Test
    void bySeedPutsEachRunInItsRowAndColumn() {
        var rows = List.of(new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 1, 3, 0.7f, 200, 0.84, 0.29),
                new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 2, 3, 0.7f, 200, 0.875, 0.22),
                new SeedSweep.Row(SeedSweep.Model.RANDOM_POSITION, 1, 3, 0.02f, 200, 0.74, 0.49));
        Table laidOut = SeedSweep.bySeed(SeedSweep.table(rows), "attention_init_std", "held_out_accuracy");
        assertEquals(List.of("attention init std", "1", "2"), laidOut.columnNames());
        assertEquals(2, laidOut.rowCount());
        for (int r = 0; r < 2; r++) {
            boolean spread07 = laidOut.stringColumn(0).get(r).equals("0.7");
            assertEquals(spread07 ? 0.84 : 0.74, laidOut.doubleColumn("1").get(r), 1e-12);
            if (spread07) assertEquals(0.875, laidOut.doubleColumn("2").get(r), 1e-12);
            else assertTrue(laidOut.doubleColumn("2").isMissing(r));
        }
    }

    private static void assertRecorded(SeedSweep.Run run) {
        Table match = recorded.where(recorded.stringColumn("model").isEqualTo(run.model().name())
                .and(recorded.intColumn("seed").isEqualTo((int) run.seed()))
                .and(recorded.intColumn("batch_seed").isEqualTo((int) run.batchSeed()))
                .and(recorded.doubleColumn("attention_init_std").isEqualTo(Double.parseDouble(Float.toString(run.attentionInitStd()))))
                .and(recorded.intColumn("steps").isEqualTo(run.steps())));
        assertEquals(1, match.rowCount(), "one recorded row for " + run.row());
        assertEquals(match.row(0).getDouble("held_out_accuracy"), run.heldOutAccuracy(), 0, "held-out accuracy of " + run.row());
        assertEquals(match.row(0).getDouble("last_loss"), run.lastLoss(), 0.51e-4, "mean loss of the last 50 steps of " + run.row());
    }

    private static String key(String model, long seed, long batchSeed, float std, int steps) {
        return model + " " + seed + " " + batchSeed + " " + std + " " + steps;
    }
}
