/**
 * The only tuned code of Glassbox: the hot loops of a training step, fast on SIMD registers
 * (Vector API, {@code --add-modules jdk.incubator.vector}) and shared among the {@link dev.glassbox.kernels.Parallel} threads.
 *
 * <p>Convention — reference and fast twin: a layer whose loop is the lesson keeps it in {@code nn} as
 * {@code forwardReference} / {@code backwardReference}, the plain loops the course teaches; its
 * {@code forward} / {@code backward} call the twin here when {@link dev.glassbox.kernels.Simd#available()}:
 *
 * <pre>
 *   nn.Gelu                 → {@link dev.glassbox.kernels.GeluKernel}        (SIMD tanh from {@code VectorMath})
 *   nn.LayerNorm            → {@link dev.glassbox.kernels.LayerNormKernel}
 *   nn.CausalSelfAttention  → {@link dev.glassbox.kernels.AttentionKernel}   (per (b, h): scores, mask, softmax, Σ weight·v, backward)
 *   nn.Linear, the LM head  → {@link dev.glassbox.kernels.Matmul}            (packed panels, 4 × 2-vector register tiles)
 * </pre>
 * {@code nn.KernelTwinTest} holds each twin to its reference on seeded random inputs within the
 * tolerance its Javadoc states, and bit-identical for 1 and 2 threads.
 *
 * <p>Two rules keep results independent of the thread count: a number is always computed by one
 * thread in one fixed order (rows or (b, h) pairs are split, sums never are), and vector lane sums
 * are added lane by lane in a written-out order ({@code VectorMath.sum}), never by
 * {@code reduceLanes}, whose order may differ between the interpreter and compiled code.
 */
package dev.glassbox.kernels;
