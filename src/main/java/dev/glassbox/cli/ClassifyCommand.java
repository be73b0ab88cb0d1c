package dev.glassbox.cli;

import picocli.CommandLine.Command;

/** {@code classify train | predict}: sleepgpt, attention as a sequence classifier (essay claim S11). */
@Command(name = "classify", mixinStandardHelpOptions = true, subcommands = {},
        description = "sleepgpt: tell healthy from disordered nights by the order of their sleep stages.")
final class ClassifyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: train or predict");
    }
}
