package dl10.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into lowercase words. A word is a run of letters, optionally joined by apostrophes
 * inside it ("whale's", "don't"); the typographic apostrophe ’ counts as ' and is written as '.
 * Digits, punctuation, dashes and quotes around words separate words and are dropped.
 */
public final class Tokenizer {
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*");

    private Tokenizer() {
    }

    /** The words of {@code text}, lowercased, in order. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        return out;
    }
}
