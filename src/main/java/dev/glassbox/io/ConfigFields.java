package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the fields of one section of a config.json (a checkpoint's "model", a classifier's "classifier"). Every
 * field is required, and an error names the section, the field and what it holds:
 * {@code model "heads" must be an integer, got "four"}.
 */
public final class ConfigFields {
    private final JsonNode json;
    private final String section;

    /** @param section the section's name, as errors call it */
    public ConfigFields(JsonNode json, String section) {
        this.json = Objects.requireNonNull(json, "json");
        this.section = Objects.requireNonNull(section, "section");
    }

    /** @throws IllegalArgumentException if "type" is not {@code expected} */
    public void requireType(String expected) {
        if (!expected.equals(json.path("type").textValue())) {
            throw new IllegalArgumentException(section + " \"type\" is " + json.get("type") + ", expected \"" + expected + "\"");
        }
    }

    public int integer(String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isInt()) throw new IllegalArgumentException(section + " \"" + field + "\" must be an integer, got " + v);
        return v.intValue();
    }

    public float number(String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException(section + " \"" + field + "\" must be a number, got " + v);
        return v.floatValue();
    }

    /** The constant of {@code type} whose name the field holds. */
    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        JsonNode v = json.get(field);
        for (E e : type.getEnumConstants()) if (v != null && e.name().equals(v.textValue())) return e;
        throw new IllegalArgumentException(section + " \"" + field + "\" is " + v + ", expected one of "
                + Arrays.toString(type.getEnumConstants()));
    }
}
