package dev.glassbox.cli;

import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.Adam;
import dev.glassbox.optim.AdamW;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.optim.Momentum;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.optim.Sgd;
import dev.glassbox.train.Trainer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The optimizer, learning-rate schedule and gradient clipping, shared by {@code train} and {@code classify train}. */
final class OptimizerOptions {
    enum Kind { sgd, momentum, adam, adamw }
    enum Schedule { constant, cosine }

    @Option(names = "--optimizer", defaultValue = "adamw", description = "sgd, momentum, adam or adamw (default ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--lr", description = "Peak learning rate (default: 3e-3 for train, 3e-2 for classify train).")
    Float learningRateOption;

    /** The peak learning rate: --lr, or the command's default. */
    float learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW's decoupled weight decay λ (default ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam's β₁ (default ${DEFAULT-VALUE}).")
    float beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam's β₂ (default ${DEFAULT-VALUE}).")
    float beta2;

    @Option(names = "--momentum", defaultValue = "0.9", description = "Momentum's μ (default ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--schedule", defaultValue = "cosine", description = "constant, or cosine: warm-up then cosine decay to --min-lr (default ${DEFAULT-VALUE}).")
    Schedule schedule;

    @Option(names = "--warmup", description = "Warm-up steps of the cosine schedule (default: 5%% of the steps), 20 for classify train.")
    Integer warmup;

    @Option(names = "--min-lr", description = "Final learning rate of the cosine schedule (default: --lr / 10).")
    Float minLearningRate;

    @Option(names = "--clip", defaultValue = "1.0", description = "Clip the global gradient norm to this; 0 = no clipping (default ${DEFAULT-VALUE}).")
    double clip;

    /** Checks the numbers before any work starts, so a typo costs no training time. */
    void check(CommandSpec spec, int steps, float defaultLearningRate) {
        learningRate = learningRateOption != null ? learningRateOption : defaultLearningRate;
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) fail(spec, "--lr must be a finite number > 0, got " + learningRate);
        if (!(weightDecay >= 0)) fail(spec, "--weight-decay must be >= 0, got " + weightDecay);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) fail(spec, "--beta1 and --beta2 must lie in [0, 1), got " + beta1 + " and " + beta2);
        if (!(momentum >= 0 && momentum < 1)) fail(spec, "--momentum must lie in [0, 1), got " + momentum);
        if (!(clip >= 0)) fail(spec, "--clip must be >= 0 (0 = off), got " + clip);
        if (warmup != null && (warmup < 0 || warmup >= steps)) fail(spec, "--warmup must lie in 0 … steps-1 = " + (steps - 1) + ", got " + warmup);
        if (minLearningRate != null && !(minLearningRate >= 0 && minLearningRate <= learningRate)) {
            fail(spec, "--min-lr must lie in [0, --lr] = [0, " + learningRate + "], got " + minLearningRate);
        }
    }

    private static void fail(CommandSpec spec, String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

    Optimizer build(List<Parameter> parameters) {
        return switch (kind) {
            case sgd -> new Sgd(parameters, learningRate);
            case momentum -> new Momentum(parameters, learningRate, momentum);
            case adam -> new Adam(parameters, learningRate, beta1, beta2, Adam.DEFAULT_EPSILON);
            case adamw -> new AdamW(parameters, learningRate, beta1, beta2, Adam.DEFAULT_EPSILON, weightDecay);
        };
    }

    /** Adds the schedule and the clipping to a trainer. */
    <B> Trainer.Builder<B> apply(Trainer.Builder<B> trainer, int steps) {
        return apply(trainer, 0, steps);
    }

    /**
     * As {@link #apply(Trainer.Builder, int)} for a run resumed after {@code firstStep} steps: the schedule is the one of a
     * single run of {@code firstStep + steps} steps, taken up at step {@code firstStep}.
     */
    <B> Trainer.Builder<B> apply(Trainer.Builder<B> trainer, int firstStep, int steps) {
        if (schedule == Schedule.cosine) {
            int total = firstStep + steps;
            LrSchedule whole = LrSchedule.warmupCosine(learningRate, warmupSteps(total), total, finalLearningRate());
            trainer.schedule(step -> whole.at(firstStep + step));
        }
        if (clip > 0) trainer.clipGradientNorm(clip);
        return trainer;
    }

    /**
     * The settings as they apply to a run of {@code steps} steps (warm-up and final rate worked out), for a
     * checkpoint, so that {@code --resume} continues with them.
     */
    ObjectNode toJson(int steps) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("optimizer", kind.name());
        json.put("lr", learningRate);
        json.put("weight_decay", weightDecay);
        json.put("beta1", beta1);
        json.put("beta2", beta2);
        json.put("momentum", momentum);
        json.put("schedule", schedule.name());
        json.put("warmup", warmupSteps(steps));
        json.put("min_lr", finalLearningRate());
        json.put("clip", clip);
        return json;
    }

    /**
     * On {@code --resume}: each setting not given on the command line takes the value saved by {@link #toJson}
     * (a checkpoint from an older version saved none: then nothing changes), except that a new {@code --lr} also
     * sets the final rate to its default. Call {@link #check} afterwards.
     */
    void resumeFrom(JsonNode saved, picocli.CommandLine.ParseResult given) {
        if (saved == null || !saved.isObject()) return;
        if (!given.hasMatchedOption("--optimizer") && saved.has("optimizer")) kind = Kind.valueOf(saved.get("optimizer").asText());
        if (!given.hasMatchedOption("--lr") && saved.has("lr")) learningRateOption = saved.get("lr").floatValue();
        if (!given.hasMatchedOption("--weight-decay") && saved.has("weight_decay")) weightDecay = saved.get("weight_decay").floatValue();
        if (!given.hasMatchedOption("--beta1") && saved.has("beta1")) beta1 = saved.get("beta1").floatValue();
        if (!given.hasMatchedOption("--beta2") && saved.has("beta2")) beta2 = saved.get("beta2").floatValue();
        if (!given.hasMatchedOption("--momentum") && saved.has("momentum")) momentum = saved.get("momentum").floatValue();
        if (!given.hasMatchedOption("--schedule") && saved.has("schedule")) schedule = Schedule.valueOf(saved.get("schedule").asText());
        if (!given.hasMatchedOption("--warmup") && saved.has("warmup")) warmup = saved.get("warmup").intValue();
        // a new --lr brings its own default floor (a tenth of it) unless --min-lr is given too
        boolean newPeak = given.hasMatchedOption("--lr");
        if (!given.hasMatchedOption("--min-lr") && !newPeak && saved.has("min_lr")) minLearningRate = saved.get("min_lr").floatValue();
        if (!given.hasMatchedOption("--clip") && saved.has("clip")) clip = saved.get("clip").doubleValue();
    }

    /** --warmup, or 5 % of the steps. */
    private int warmupSteps(int steps) {
        return warmup != null ? warmup : Math.min(steps - 1, Math.max(0, steps / 20));
    }

    /** --min-lr, or a tenth of the peak. */
    private float finalLearningRate() {
        return minLearningRate != null ? minLearningRate : learningRate / 10;
    }

    private static String number(float value) {
        return String.format(java.util.Locale.ROOT, "%.3g", value);
    }

    String describe(int steps) {
        String rule = switch (kind) {
            case sgd -> "SGD";
            case momentum -> "momentum " + momentum;
            case adam -> "Adam β " + beta1 + "/" + beta2;
            case adamw -> "AdamW β " + beta1 + "/" + beta2 + ", weight decay " + weightDecay;
        };
        String lr = schedule == Schedule.constant ? "lr " + number(learningRate)
                : "lr " + number(learningRate) + ", warm-up " + warmupSteps(steps) + " steps, cosine to " + number(finalLearningRate());
        return rule + ", " + lr + (clip > 0 ? ", clip " + clip : "");
    }
}
