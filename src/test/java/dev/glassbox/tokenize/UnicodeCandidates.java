package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * For {@code tools/tiktoken_unicode_fixture.sh}: prints, as JSON, the code point ranges that ICU's data
 * (which {@link PreTokenizer#GPT2} uses) puts in a different class (letter, number, white space, other) than
 * the running JDK's regex does, and ICU's letter and number ranges. The script asks tiktoken how it cuts text
 * around those code points; the JDK ranges only choose which code points to ask about. Not a test.
 */
public final class UnicodeCandidates {
    private static final Pattern LETTER = Pattern.compile("\\p{L}"), NUMBER = Pattern.compile("\\p{N}"),
            SPACE = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);

    public static void main(String[] args) {
        List<int[]> differ = new ArrayList<>(), letters = new ArrayList<>(), numbers = new ArrayList<>();
        int differLetters = 0, differNumbers = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            String s = Character.toString(cp);
            byte jdk = LETTER.matcher(s).matches() ? PreTokenizer.LETTER : NUMBER.matcher(s).matches() ? PreTokenizer.NUMBER
                    : SPACE.matcher(s).matches() ? PreTokenizer.SPACE : PreTokenizer.OTHER;
            byte icu = PreTokenizer.classify(cp);
            if (jdk != icu) {
                add(differ, cp);
                if (icu == PreTokenizer.LETTER) differLetters++;
                if (icu == PreTokenizer.NUMBER) differNumbers++;
            }
            if (icu == PreTokenizer.LETTER) add(letters, cp);
            if (icu == PreTokenizer.NUMBER) add(numbers, cp);
        }
        System.out.println("{\"jdk\": \"" + System.getProperty("java.version") + "\", \"icu_unicode\": \""
                + com.ibm.icu.lang.UCharacter.getUnicodeVersion() + "\",");
        System.out.println(" \"differ_letters\": " + differLetters + ", \"differ_numbers\": " + differNumbers + ",");
        System.out.println(" \"differ\": " + json(differ) + ",");
        System.out.println(" \"icu_letters\": " + json(letters) + ",");
        System.out.println(" \"icu_numbers\": " + json(numbers) + "}");
    }

    private static void add(List<int[]> ranges, int cp) {
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == cp - 1) ranges.get(ranges.size() - 1)[1] = cp;
        else ranges.add(new int[] {cp, cp});
    }

    private static String json(List<int[]> ranges) {
        StringBuilder out = new StringBuilder("[");
        for (int[] r : ranges) out.append(out.length() > 1 ? "," : "").append('[').append(r[0]).append(',').append(r[1]).append(']');
        return out.append(']').toString();
    }
}
