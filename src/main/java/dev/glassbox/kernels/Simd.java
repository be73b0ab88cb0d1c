package dev.glassbox.kernels;

/**
 * Whether the fast twins may use SIMD registers: true when the {@code jdk.incubator.vector} module is
 * present ({@code --add-modules jdk.incubator.vector}, set by every launcher of this project) and the
 * system property {@code glassbox.noVector} is not set. Without it the layers run their reference loops.
 */
public final class Simd {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("glassbox.noVector");

    private Simd() {}

    public static boolean available() {
        return AVAILABLE;
    }
}
