package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.ConfigFields;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.sleep.Stage;
import dev.glassbox.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sleep-stage classifier as a checkpoint, through {@link Checkpoint}'s generic tensors + config API:
 * <pre>
 * "classifier": {"type": "sequence_classifier", "vocab_size": 5, "context_length": 48, ..., "pooling": "MEAN"},
 * "stages": ["W", "N1", "N2", "N3", "REM"], "classes": ["healthy", "disordered"], "training": {"step": 300}
 * </pre>
 */
final class SleepClassifierFiles {
    private SleepClassifierFiles() {}

    static final String TYPE = "sequence_classifier";
    static final List<String> CLASSES = List.of("healthy", "disordered");

    static void save(Path dir, SequenceClassifier model, long step) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) tensors.put(p.name(), p.value());
        ClassifierConfig c = model.config();
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        ObjectNode json = config.putObject("classifier");
        json.put("type", TYPE);
        json.put("vocab_size", c.vocabSize());
        json.put("context_length", c.contextLength());
        json.put("channels", c.channels());
        json.put("layers", c.layers());
        json.put("heads", c.heads());
        json.put("num_classes", c.numClasses());
        json.put("pooling", c.pooling().name());
        json.put("dropout", c.dropout());
        json.put("attention_scaling", c.scaling().name());
        json.put("block_order", c.order().name());
        json.put("positions", c.positions().name());
        var stages = config.putArray("stages");
        for (String s : Stage.names()) stages.add(s);
        var classes = config.putArray("classes");
        CLASSES.forEach(classes::add);
        config.putObject("training").put("step", step);
        Checkpoint.save(dir, tensors, config);
    }

    /** Loads a classifier saved by {@link #save}; the tensors must be exactly the ones its config describes. */
    static SequenceClassifier load(Path dir) throws IOException {
        AtomicReference<SequenceClassifier> built = new AtomicReference<>();
        Checkpoint.Contents contents = Checkpoint.load(dir, config -> {
            JsonNode json = config.get("classifier");
            if (json == null) throw new IllegalArgumentException("there is no \"classifier\" section: this is not a sleep classifier checkpoint");
            if (!Arrays.asList(Stage.names()).equals(strings(config.get("stages")))) {
                throw new IllegalArgumentException("\"stages\" is " + config.get("stages") + ", expected " + Arrays.toString(Stage.names()));
            }
            SequenceClassifier model = new SequenceClassifier(fromJson(json), 0);
            built.set(model);
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (Parameter p : model.parameters()) shapes.put(p.name(), p.value().shape());
            return shapes;
        });
        SequenceClassifier model = built.get();
        for (Parameter p : model.parameters()) {
            float[] saved = contents.tensors().get(p.name()).data();   // names and shapes checked by load
            System.arraycopy(saved, 0, p.value().data(), 0, saved.length);
        }
        return model;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ClassifierConfig fromJson(JsonNode json) {
        ConfigFields fields = new ConfigFields(json, "classifier");
        fields.requireType(TYPE);
        return new ClassifierConfig(fields.integer("vocab_size"), fields.integer("context_length"), fields.integer("channels"),
                fields.integer("layers"), fields.integer("heads"), fields.integer("num_classes"),
                fields.choice("pooling", Pooling.class), fields.number("dropout"),
                fields.choice("attention_scaling", AttentionScaling.class), fields.choice("block_order", BlockOrder.class),
                fields.choice("positions", PositionKind.class),
                ClassifierConfig.DEFAULT_ATTENTION_INIT_STD);   // not saved: the loaded weights replace the initial ones
    }
}
