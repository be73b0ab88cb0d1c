package dev.glassbox.sleep;

import java.util.Locale;

/** The five sleep stages of the AASM scoring rules; the ordinal is the token id. */
public enum Stage {
    W, N1, N2, N3, REM;

    /**
     * Reads a stage as hypnogram files write it, ignoring case, surrounding spaces and underscores:
     * <ul>
     *   <li>AASM: W/Wake, N1, N2, N3, REM or R (also NREM1 … NREM3);</li>
     *   <li>Rechtschaffen &amp; Kales: S1–S4, or 1–4, where stages 3 and 4 together are AASM's N3 (also N4);</li>
     *   <li>the AASM digits 0=W, 1=N1, 2=N2, 3=N3, 5=REM;</li>
     *   <li>any of these after "Sleep stage " or "Stage ", as Sleep-EDF and many exports write them
     *       ("Sleep stage 2", "Sleep stage R", "Stage W").</li>
     * </ul>
     * Unscored and movement epochs ("?", "Movement time") are not stages: see {@link Hypnogram#isUnscored}.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Stage parse(String text) {
        return switch (normalized(text)) {
            case "W", "WAKE", "0" -> W;
            case "N1", "S1", "1", "NREM1" -> N1;
            case "N2", "S2", "2", "NREM2" -> N2;
            case "N3", "N4", "S3", "S4", "3", "4", "NREM3", "NREM4" -> N3;
            case "REM", "R", "5" -> REM;
            default -> throw new IllegalArgumentException("'" + text + "' is not a sleep stage; expected one of "
                    + "W, N1, N2, N3, REM (or R, Wake, S1-S4, N4, the digits 0-5, or these after 'Sleep stage ')");
        };
    }

    /** Upper case, single spaces, without a leading "SLEEP STAGE " or "STAGE ", and "NREM 1" as "NREM1". */
    static String normalized(String text) {
        String s = text.strip().replace('_', ' ').replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (String prefix : new String[]{"SLEEP STAGE ", "STAGE "}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
                break;
            }
        }
        return s.replaceFirst("^NREM ", "NREM");
    }

    /** All stages as strings, in id order: the classifier's vocabulary. */
    public static String[] names() {
        Stage[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) names[i] = all[i].name();
        return names;
    }
}
