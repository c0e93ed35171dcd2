package dl10.lib;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The distinct characters of a text, numbered 0..size-1 in increasing character order, for
 * character-level language models. There is no reserved index for unknown characters:
 * {@link #index(char)} and {@link #encode(String)} throw an {@link IllegalArgumentException}
 * naming the character (and its position) when it is not in the vocabulary.
 */
public final class CharVocabulary {
    private final char[] chars;

    private CharVocabulary(char[] chars) {
        this.chars = chars;
    }

    /** The vocabulary of all characters occurring in {@code text} (which must not be empty). */
    public static CharVocabulary of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("CharVocabulary.of: the text is empty, there are no characters to number");
        }
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        char[] chars = new char[set.size()];
        int k = 0;
        for (char c : set) {
            chars[k++] = c;
        }
        return new CharVocabulary(chars);
    }

    /** Number of distinct characters. */
    public int size() {
        return chars.length;
    }

    /** Whether {@code c} is in the vocabulary. */
    public boolean contains(char c) {
        return Arrays.binarySearch(chars, c) >= 0;
    }

    /** Index of {@code c}; throws if the character is not in the vocabulary. */
    public int index(char c) {
        int i = Arrays.binarySearch(chars, c);
        if (i < 0) {
            throw new IllegalArgumentException("Character " + describe(c) + " is not in the vocabulary of " + chars.length
                    + " characters; build the vocabulary from a text that contains it");
        }
        return i;
    }

    /** The character with index {@code i}. */
    public char character(int i) {
        if (i < 0 || i >= chars.length) {
            throw new IndexOutOfBoundsException("Character index " + i + " is outside 0.." + (chars.length - 1));
        }
        return chars[i];
    }

    /** The indices of the characters of {@code text}; throws naming the first unknown character and its position. */
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            int k = Arrays.binarySearch(chars, c);
            if (k < 0) {
                throw new IllegalArgumentException("Character " + describe(c) + " at position " + i
                        + " is not in the vocabulary of " + chars.length + " characters");
            }
            out[i] = k;
        }
        return out;
    }

    /** The text made of the characters with the given indices. */
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i : indices) {
            sb.append(character(i));
        }
        return sb.toString();
    }

    private static String describe(char c) {
        return String.format("'%s' (U+%04X)", Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c), (int) c);
    }

    @Override
    public String toString() {
        return "CharVocabulary[" + chars.length + " characters]";
    }
}
