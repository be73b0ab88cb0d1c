package dev.glassbox.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpikesTest {

    @Test
    void theSharpestValueAgainstTheMedianOfItsNeighbours() {
        // index 3: neighbours 1, 2 | 2, 4, median (2 + 2) / 2 = 2, ratio 6 / 2 = 3;
        // index 6 (9): neighbours 2, 4 | 3, 3 → median 3, ratio 3; ties go to the first, index 3
        double[] values = {1, 1, 2, 6, 2, 4, 9, 3, 3};
        assertEquals(new Spikes.Spike(3, 6, 3), Spikes.sharpest(values, 2));
        // a steady climb has no spike: each value against the median of the one before and after is a little above 1
        Spikes.Spike climb = Spikes.sharpest(new double[] {1, 2, 3, 4, 5}, 1);
        assertEquals(1, climb.index());                          // 2 / median(1, 3) = 2 / 2 = 1, then 3 / 3, 4 / 4: all 1
        assertEquals(1.0, climb.ratio(), 0);
    }

    @Test
    void valuesAtTheEdgesAreNotCandidates() {
        // 100 at index 0 has no neighbours on its left: the spike found is the middle one
        assertEquals(2, Spikes.sharpest(new double[] {100, 1, 5, 1, 1}, 1).index());
    }

    @Test
    void badInputGetsOneLineNamingTheValue() {
        assertEquals("neighbours 0 must be at least 1 on each side",
                assertThrows(IllegalArgumentException.class, () -> Spikes.sharpest(new double[] {1, 2, 3}, 0)).getMessage());
        assertEquals("4 values are too few to compare one with 2 neighbours on each side; need at least 5",
                assertThrows(IllegalArgumentException.class, () -> Spikes.sharpest(new double[] {1, 2, 3, 4}, 2)).getMessage());
        assertEquals("value NaN at index 1 is not a finite number",
                assertThrows(IllegalArgumentException.class, () -> Spikes.sharpest(new double[] {1, Double.NaN, 3}, 1)).getMessage());
    }
}
