package dev.glassbox.sleep;

import java.util.Locale;

/** The five sleep stages of the AASM scoring rules; the ordinal is the token id. */
public enum Stage {
    W, N1, N2, N3, REM;

    /**
     * Reads a stage as hypnogram files write it: W/Wake, N1, N2, N3 (also the older S1–S4 and N4,
     * where stage 4 joins N3), REM or R; or the AASM digits 0=W, 1=N1, 2=N2, 3=N3, 5=REM.
     * Case and surrounding spaces are ignored.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Stage parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT).replace("STAGE ", "").replace("SLEEP STAGE ", "");
        return switch (s) {
            case "W", "WAKE", "0" -> W;
            case "N1", "S1", "1" -> N1;
            case "N2", "S2", "2" -> N2;
            case "N3", "N4", "S3", "S4", "3", "4" -> N3;
            case "REM", "R", "5" -> REM;
            default -> throw new IllegalArgumentException("'" + text + "' is not a sleep stage; expected one of "
                    + "W, N1, N2, N3, REM (or R, Wake, S1-S4, N4, or the digits 0-5)");
        };
    }

    /** All stages as strings, in id order: the classifier's vocabulary. */
    public static String[] names() {
        Stage[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) names[i] = all[i].name();
        return names;
    }
}
