package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The registry: every chapter's exercises, by id. */
public final class Course {
    private Course() {}

    /** The chapters with exercises. One line per chapter; add yours under its heading. */
    private static List<Chapter> chapters() {
        List<Chapter> chapters = new ArrayList<>();
        chapters.add(new Chapter00());

        // chapters 01-03 (one line each: chapters.add(new Chapter01());)
        chapters.add(new Chapter01());
        chapters.add(new Chapter02());
        chapters.add(new Chapter03());

        // chapters 04-07
        chapters.add(new Chapter04());
        chapters.add(new Chapter05());
        chapters.add(new Chapter06());
        chapters.add(new Chapter07());

        // chapters 08-11

        return chapters;
    }

    private static final Map<String, Exercise> BY_ID = index(chapters());

    private static Map<String, Exercise> index(List<Chapter> chapters) {
        Map<String, Exercise> byId = new LinkedHashMap<>();
        for (Chapter chapter : chapters) {
            for (Exercise exercise : chapter.exercises()) {
                if (byId.put(exercise.id(), exercise) != null) {
                    throw new IllegalStateException("exercise id " + exercise.id() + " is defined twice");
                }
            }
        }
        return byId;
    }

    /** Every exercise of the course, in chapter order. */
    public static List<Exercise> exercises() {
        return List.copyOf(BY_ID.values());
    }

    /** The exercise with this id; fails with the chapter's ids when there is none. */
    public static Exercise exercise(String id) {
        Exercise exercise = BY_ID.get(id);
        if (exercise != null) return exercise;
        String chapter = id == null || id.length() < 2 ? "" : id.substring(0, 2);
        String known = BY_ID.keySet().stream().filter(k -> k.startsWith(chapter + "."))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("there is no exercise '" + id + "'"
                + (known.isEmpty() ? "; ids look like 03.1" : "; chapter " + chapter + " has " + known));
    }
}
