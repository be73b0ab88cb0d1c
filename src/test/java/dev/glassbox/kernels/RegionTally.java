package dev.glassbox.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every {@link Parallel#ranges} region while it is on: who asked (the first three callers outside the
 * pool, e.g. {@code Matmul.multiply < Linear.forward}), its size, whether it was split, and its wall time
 * (hand-off and wait included). For {@code bench.HandOffBench}; the records are in the order the regions ran.
 */
public final class RegionTally {
    /** One region: its callers, n pieces of work, the job's rough size, split or not, nanoseconds. */
    public record Region(String caller, int n, long work, boolean split, long nanos) {}

    private static final StackWalker WALKER = StackWalker.getInstance();
    private final List<Region> regions = new ArrayList<>();

    /** Starts recording; regions from other threads than the caller's are not expected while it is on. */
    public static RegionTally start() {
        RegionTally tally = new RegionTally();
        Parallel.probe = (n, work, split, nanos) -> tally.regions.add(new Region(callers(), n, work, split, nanos));
        return tally;
    }

    /** Stops recording and returns the regions, in order. */
    public List<Region> stop() {
        Parallel.probe = null;
        return regions;
    }

    /** The work size at and above which a region is split (when there is more than one thread). */
    public static long threshold() {
        return Parallel.THRESHOLD;
    }

    private static String callers() {
        return WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Parallel.class.getName())
                        && !f.getClassName().startsWith(RegionTally.class.getName()))
                .limit(3)
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .reduce((inner, outer) -> inner + " < " + outer)
                .orElse("?"));
    }
}
