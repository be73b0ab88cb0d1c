package dev.glassbox.sleep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, items 2 and 3: real hypnogram exports, with no epoch silently lost. */
class HypnogramFilesTest {
    private static final int W = 0, N1 = 1, N2 = 2, N3 = 3, REM = 4;

    @TempDir
    Path temp;

    @Test
    void aByteOrderMarkIsStrippedAndNoEpochIsLost() throws Exception {
        Path csv = temp.resolve("night.csv");
        Files.writeString(csv, "\uFEFF" + "N2\n".repeat(60), StandardCharsets.UTF_8);
        assertEquals(60, Hypnogram.read(csv).length);
    }

    @Test
    void aHeaderIsRecognisedByWhatItSays() {
        assertArrayEquals(new int[]{W, N2}, Hypnogram.parse(List.of("Epoch,Sleep Stage", "1,W", "2,N2"), "a.csv"));
        assertArrayEquals(new int[]{W, N2}, Hypnogram.parse(List.of("\uFEFFepoch,stage", "1,W", "2,N2"), "a.csv"));
        // a first line that is neither a stage nor a header is an error on line 1, not a header dropped in silence
        var e = assertThrows(IllegalArgumentException.class, () -> Hypnogram.parse(List.of("N5", "N2", "N2"), "b.csv"));
        assertTrue(e.getMessage().startsWith("b.csv line 1:"), e.getMessage());
    }

    @Test
    void unscoredAndMovementEpochsAreSkippedAndCountedTheSameOnEveryLine() {
        Hypnogram.Night first = Hypnogram.parseNight(List.of("?", "N2", "N2"), "a.csv");
        Hypnogram.Night later = Hypnogram.parseNight(List.of("N2", "?", "N2"), "a.csv");
        assertArrayEquals(new int[]{N2, N2}, first.stages());
        assertArrayEquals(new int[]{N2, N2}, later.stages());
        assertEquals(1, first.unscored());
        assertEquals(1, later.unscored());
        Hypnogram.Night edf = Hypnogram.parseNight(List.of("Sleep stage W", "Movement time", "Sleep stage 2", "Sleep stage ?",
                "MT", "unscored"), "edf.csv");
        assertArrayEquals(new int[]{W, N2}, edf.stages());
        assertEquals(4, edf.unscored());
        var e = assertThrows(IllegalArgumentException.class, () -> Hypnogram.parse(List.of("?", "MT"), "c.csv"));
        assertTrue(e.getMessage().contains("c.csv") && e.getMessage().contains("2 unscored"), e.getMessage());
    }

    @Test
    void sleepEdfLabelsParse() {
        String[] labels = {"Sleep stage W", "Sleep stage 1", "Sleep stage 2", "Sleep stage 3", "Sleep stage 4", "Sleep stage R",
                "sleep stage r", "SLEEP STAGE 2", "Sleep_stage_2", "Sleep stage N2", "Sleep stage REM"};
        int[] expected = {W, N1, N2, N3, N3, REM, REM, N2, N2, N2, REM};
        assertArrayEquals(expected, Arrays.stream(labels).mapToInt(s -> Stage.parse(s).ordinal()).toArray());
    }

    @Test
    void rechtschaffenKalesStagesMapToAasmCaseInsensitively() {
        String[] labels = {"Stage 1", "stage 2", "STAGE 3", "Stage 4", "S1", "s2", "s3", "S4", "Stage W", "stage rem", "wake", "Rem", "n3", "NREM3", "NREM 1"};
        int[] expected = {N1, N2, N3, N3, N1, N2, N3, N3, W, REM, W, REM, N3, N3, N1};
        assertArrayEquals(expected, Arrays.stream(labels).mapToInt(s -> Stage.parse(s).ordinal()).toArray());
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() throws Exception {
        Path csv = temp.resolve("utf16.csv");
        Files.writeString(csv, "epoch,stage\n1,W\n2,N2\n", StandardCharsets.UTF_16);   // Java writes a BOM for UTF_16
        assertArrayEquals(new int[]{W, N2}, Hypnogram.read(csv));
    }

    @Test
    void latin1IsRefusedNamingTheFileAndTheLine() throws Exception {
        Path csv = temp.resolve("latin1.csv");
        Files.write(csv, "W\nN2\n# notée à la main\nN2\n".getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(java.io.IOException.class, () -> Hypnogram.read(csv));
        assertTrue(e.getMessage().contains(csv.toString()) && e.getMessage().contains("UTF-8") && e.getMessage().contains("line 3"),
                e.getMessage());
    }
}
