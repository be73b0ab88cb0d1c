package dev.glassbox.nn;

/**
 * How {@link SequenceClassifier} turns the (B, T, C) sequence into one (B, C) vector per sequence.
 *
 * <ul>
 *   <li>{@link #MEAN}: the average of the final vectors over all T positions.</li>
 *   <li>{@link #CLASS_TOKEN}: a learned vector ("cls_token", like BERT's [CLS]) is put in front of
 *       the sequence at position 0; attention lets it gather from every position, and its final
 *       vector is the pooled one. The model then sees T + 1 positions.</li>
 * </ul>
 */
public enum Pooling { MEAN, CLASS_TOKEN }
