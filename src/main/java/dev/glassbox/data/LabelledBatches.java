package dev.glassbox.data;

import dev.glassbox.tensor.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of whole sequences with one class label each, for a sequence classifier: B sequences
 * of length T and B labels.
 *
 * <p>{@link #next()} walks through the data in epochs: each epoch is a fresh seeded shuffle, and
 * every sequence is used once per epoch (a batch may straddle two epochs). {@link #sequential(int)}
 * gives the data in order, for validation.
 *
 * <p>Build them by naming each setting: {@code LabelledBatches.over(nights, labels).batchSize(32).seed(3).build()}.
 */
public final class LabelledBatches {
    private final int[][] sequences;
    private final int[] labels;
    private final int batchSize;
    private final SplittableRandom random;
    private final int[] order;
    private int position;

    /** One batch: {@code tokens} (B, T) and {@code labels} (B). */
    public record Batch(int[][] tokens, int[] labels) {
        public int batchSize() {
            return labels.length;
        }
    }

    /** Starts batches over {@code sequences} and their {@code labels}; name B (and the seed, 0 if not), then {@code build()}. */
    public static Builder over(int[][] sequences, int[] labels) {
        return new Builder(sequences, labels);
    }

    /** The batches' settings by name; each is checked when {@link #build()} makes them. */
    public static final class Builder {
        private final int[][] sequences;
        private final int[] labels;
        private Integer batchSize;
        private long seed;

        private Builder(int[][] sequences, int[] labels) {
            this.sequences = sequences;
            this.labels = labels;
        }

        /** B, sequences per batch (required). */
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }

        /** Seeds each epoch's shuffle (default 0; {@link LabelledBatches#sequential} uses none). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        public LabelledBatches build() {
            return new LabelledBatches(sequences, labels, Shapes.required("LabelledBatches", "batchSize", batchSize), seed);
        }
    }

    /**
     * @param sequences all of the same length, ids at least 0
     * @param labels    one class index (at least 0) per sequence
     */
    public LabelledBatches(int[][] sequences, int[] labels, int batchSize, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (sequences == null || labels == null || sequences.length == 0) {
            throw new IllegalArgumentException("need at least one labelled sequence");
        }
        if (sequences.length != labels.length) {
            throw new IllegalArgumentException(sequences.length + " sequences but " + labels.length + " labels");
        }
        int length = sequences[0].length;
        if (length < 1) throw new IllegalArgumentException("sequence 0 is empty");
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i].length != length) {
                throw new IllegalArgumentException("sequence " + i + " has length " + sequences[i].length
                        + ", sequence 0 has " + length + "; a batch needs equal lengths");
            }
            for (int t = 0; t < length; t++) {
                if (sequences[i][t] < 0) {
                    throw new IllegalArgumentException("sequence " + i + " holds token id " + sequences[i][t]
                            + " at position " + t + "; ids must be at least 0");
                }
            }
            if (labels[i] < 0) throw new IllegalArgumentException("label " + labels[i] + " of sequence " + i + " is negative");
        }
        this.sequences = new int[sequences.length][];
        for (int i = 0; i < sequences.length; i++) this.sequences[i] = sequences[i].clone();
        this.labels = labels.clone();
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed);
        this.order = new int[sequences.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        this.position = order.length;   // shuffle on first use
    }

    /** The next B sequences of the current shuffled epoch. */
    public Batch next() {
        int[][] tokens = new int[batchSize][];
        int[] batchLabels = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            if (position == order.length) shuffle();
            int i = order[position++];
            tokens[b] = sequences[i].clone();
            batchLabels[b] = labels[i];
        }
        return new Batch(tokens, batchLabels);           // (B, T) and (B)
    }

    /** The data in its original order, B at a time (the last batch may be smaller), at most {@code maxBatches}. */
    public List<Batch> sequential(int maxBatches) {
        if (maxBatches < 1) throw new IllegalArgumentException("maximum number of batches must be at least 1, got " + maxBatches);
        List<Batch> batches = new ArrayList<>();
        for (int first = 0; first < sequences.length && batches.size() < maxBatches; first += batchSize) {
            int rows = Math.min(batchSize, sequences.length - first);
            int[][] tokens = new int[rows][];
            int[] batchLabels = new int[rows];
            for (int r = 0; r < rows; r++) {
                tokens[r] = sequences[first + r].clone();
                batchLabels[r] = labels[first + r];
            }
            batches.add(new Batch(tokens, batchLabels));
        }
        return batches;
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {       // Fisher–Yates
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        position = 0;
    }

    public int size() {
        return labels.length;
    }

    public int batchSize() {
        return batchSize;
    }
}
