package dev.glassbox.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmoothingTest {

    @Test
    void trailingMeanByHand() {
        // window 3: 1, (1+3)/2, (1+3+5)/3, (3+5+10)/3, (5+10+0)/3
        double[] smoothed = Smoothing.trailingMean(new double[] {1, 3, 5, 10, 0}, 3);
        assertArrayEquals(new double[] {1, 2, 3, 6, 5}, smoothed, 1e-12);
    }

    @Test
    void windowOneChangesNothingAndFloatsWork() {
        assertArrayEquals(new double[] {2, -1, 4}, Smoothing.trailingMean(new float[] {2, -1, 4}, 1), 1e-12);
        assertArrayEquals(new double[] {2, 0.5, 1.5}, Smoothing.trailingMean(new float[] {2, -1, 4}, 2), 1e-6);
    }

    @Test
    void aWindowLongerThanTheDataIsTheRunningMean() {
        assertArrayEquals(new double[] {4, 3, 2}, Smoothing.trailingMean(new double[] {4, 2, 0}, 10), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Smoothing.trailingMean(new double[] {1, 2}, 0));
        assertTrue(e.getMessage().contains("window 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Smoothing.trailingMean(new double[] {1, Double.NaN}, 2));
        assertTrue(e.getMessage().contains("NaN at index 1"), e.getMessage());
    }
}
