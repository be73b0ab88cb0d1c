package dev.glassbox.data;

/**
 * One question and its answer in the essay's format, fed to the model as a single line:
 * <pre>  Q:12+7=?A:19⏎  </pre>
 *
 * The model is trained on the whole line as next-token prediction (S1); at question time it is
 * given the {@link #prompt()} and generates until the end marker {@link QaSamples#END}.
 */
public record QaSample(String question, String answer) {

    public QaSample {
        check("question", question);
        check("answer", answer);
        if (question.contains("A:")) {
            throw new IllegalArgumentException("question \"" + question + "\" contains \"A:\", which marks the start of the answer");
        }
    }

    /** What the model is given: {@code "Q:" + question + "A:"}. */
    public String prompt() {
        return "Q:" + question + "A:";
    }

    /** The full training line: prompt, answer, end marker. */
    public String text() {
        return prompt() + answer + QaSamples.END;
    }

    private static void check(String what, String s) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException(what + " must not be empty");
        if (s.indexOf(QaSamples.END) >= 0) {
            throw new IllegalArgumentException(what + " \"" + s.replace("\n", "\\n")
                    + "\" contains the end marker \\n, which would cut the line short");
        }
    }
}
