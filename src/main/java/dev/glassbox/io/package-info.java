/**
 * Weights on disk: {@link dev.glassbox.io.Safetensors} reads and writes the safetensors format
 * (also files made by Hugging Face tools); {@link dev.glassbox.io.Checkpoint} saves a model as a
 * directory of weights plus a JSON config, crash-safe, and loads it back only if every check
 * passes. {@link dev.glassbox.io.HuggingFaceGpt2} reads and writes GPT-2 directories as Hugging
 * Face publishes them (config.json, model.safetensors, vocab.json, merges.txt). Failures are {@link dev.glassbox.io.CheckpointException}s that name the file and tensor.
 * No Java serialization is used anywhere.
 */
package dev.glassbox.io;
