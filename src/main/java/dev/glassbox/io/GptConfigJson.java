package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.PositionKind;
import java.util.Objects;

/**
 * {@link GptConfig} as JSON, the "model" section of a checkpoint's config.json:
 * <pre>
 * {"type": "gpt", "vocab_size": 65, "context_length": 64, "channels": 64, "layers": 2, "heads": 4,
 *  "dropout": 0.0, "attention_scaling": "SQRT_DK", "block_order": "PRE_LN", "positions": "LEARNED"}
 * </pre>
 * Every field is required when reading, so a config never silently falls back to a default.
 */
public final class GptConfigJson {
    private GptConfigJson() {}

    static final String TYPE = "gpt";

    public static ObjectNode toJson(GptConfig c) {
        Objects.requireNonNull(c, "config");
        ObjectNode json = Safetensors.JSON.createObjectNode();
        json.put("type", TYPE);
        json.put("vocab_size", c.vocabSize());
        json.put("context_length", c.contextLength());
        json.put("channels", c.channels());
        json.put("layers", c.layers());
        json.put("heads", c.heads());
        json.put("dropout", c.dropout());
        json.put("attention_scaling", c.scaling().name());
        json.put("block_order", c.order().name());
        json.put("positions", c.positions().name());
        return json;
    }

    /**
     * The config this JSON describes.
     *
     * @throws IllegalArgumentException naming the field if one is missing or invalid, or if the
     *         values do not make a valid GptConfig (e.g. channels not divisible by heads)
     */
    public static GptConfig fromJson(JsonNode json) {
        if (json == null || !json.isObject()) throw new IllegalArgumentException("model config must be a JSON object, got " + json);
        ConfigFields fields = new ConfigFields(json, "model");
        fields.requireType(TYPE);
        return new GptConfig(fields.integer("vocab_size"), fields.integer("context_length"), fields.integer("channels"),
                fields.integer("layers"), fields.integer("heads"), fields.number("dropout"),
                fields.choice("attention_scaling", AttentionScaling.class), fields.choice("block_order", BlockOrder.class),
                fields.choice("positions", PositionKind.class));
    }
}
