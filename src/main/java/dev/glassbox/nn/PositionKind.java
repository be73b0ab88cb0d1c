package dev.glassbox.nn;

/** How positions enter the model: a learned table ({@link PositionEmbedding}, GPT-2) or fixed sine waves ({@link SinusoidalPositions}). */
public enum PositionKind { LEARNED, SINUSOIDAL }
