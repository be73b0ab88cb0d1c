package dev.glassbox.cli;

import java.util.Locale;

/**
 * Rough heap needs of what the commands build, computed before anything is allocated, so that a size that cannot fit
 * is refused with a sentence instead of an OutOfMemoryError minutes later. Counts in floats (4 bytes), following the
 * classes' own arrays:
 * <ul>
 *   <li>parameters: wte V·C, wpe T·C, per block 12·C² + 13·C, ln_f 2·C; each held four times in training (value,
 *       gradient, and AdamW's two moments);</li>
 *   <li>activations of one (B, T) batch, kept for backward: per block about 20·B·T·C (layer norms, q/k/v, the MLP's
 *       4·C) plus 3·B·NH·T² (attention scores, weights, and their gradient); the logits B·T·V three times (logits,
 *       softmax, gradient).</li>
 * </ul>
 * An estimate, a little generous on purpose: it only has to tell "fits" from "cannot fit" by a wide margin.
 */
final class MemoryBudget {
    private MemoryBudget() {}

    /** The model's parameters in training: values, gradients and the optimizer's moments. */
    static double parameterBytes(long vocab, long context, long channels, long layers) {
        double c = channels;
        double parameters = vocab * c + context * c + layers * (12 * c * c + 13 * c) + 2 * c;
        return 4.0 * 4 * parameters;
    }

    /** The forward caches and gradients of one batch of {@code batch} sequences of {@code context} tokens. */
    static double activationBytes(long vocab, long context, long channels, long layers, long heads, long batch) {
        double bt = (double) batch * context;
        double perBlock = 20 * bt * channels + 3.0 * batch * heads * context * context;
        return 4.0 * (layers * perBlock + 4 * bt * channels + 3 * bt * vocab);
    }

    /** The heap this JVM may use. */
    static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** True if {@code bytes} leave no room in the heap (a quarter is kept for everything else). */
    static boolean tooLarge(double bytes) {
        return bytes > 0.75 * heap();
    }

    /** "12.9 GB" or "340 MB". */
    static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    /** The end of every refusal: the heap now, and how to give java more. */
    static String heapAdvice(double bytesNeeded) {
        long gigabytes = Math.max(1, (long) Math.ceil(bytesNeeded / 0.75 / 1e9));
        return "this JVM's heap is " + heap() / 1_000_000 + " MB (-Xmx); use smaller sizes, or give java more heap if the machine has it: "
                + "GLASSBOX_JAVA_OPTS=-Xmx" + gigabytes + "g bin/glassbox-gpt ...";
    }
}
