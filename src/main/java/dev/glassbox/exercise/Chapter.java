package dev.glassbox.exercise;

import java.util.List;

/** The exercises of one chapter; one class per chapter in {@code dev.glassbox.exercise.chapters}. */
public interface Chapter {
    /** The exercises, in the order the notebook asks them. Every id starts with the chapter's number. */
    List<Exercise> exercises();
}
