package dev.glassbox.cli;

import picocli.CommandLine.Command;

/** {@code train}: placeholder until the Trainer lands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model.")
final class TrainCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("not yet");
    }
}
