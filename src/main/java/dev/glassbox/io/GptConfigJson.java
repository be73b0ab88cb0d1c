package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.PositionKind;
import java.util.Arrays;
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
        if (!TYPE.equals(json.path("type").textValue())) {
            throw new IllegalArgumentException("model \"type\" is " + json.get("type") + ", expected \"" + TYPE + "\"");
        }
        return new GptConfig(integer(json, "vocab_size"), integer(json, "context_length"), integer(json, "channels"),
                integer(json, "layers"), integer(json, "heads"), dropout(json),
                choice(json, "attention_scaling", AttentionScaling.class), choice(json, "block_order", BlockOrder.class),
                choice(json, "positions", PositionKind.class));
    }

    private static int integer(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isInt()) throw new IllegalArgumentException("model \"" + field + "\" must be an integer, got " + v);
        return v.intValue();
    }

    private static float dropout(JsonNode json) {
        JsonNode v = json.get("dropout");
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("model \"dropout\" must be a number, got " + v);
        return v.floatValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode json, String field, Class<E> type) {
        JsonNode v = json.get(field);
        for (E e : type.getEnumConstants()) if (v != null && e.name().equals(v.textValue())) return e;
        throw new IllegalArgumentException("model \"" + field + "\" is " + v + ", expected one of "
                + Arrays.toString(type.getEnumConstants()));
    }
}
