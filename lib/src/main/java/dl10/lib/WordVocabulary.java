package dl10.lib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that occur at least {@code minCount} times in a token list, numbered 0..size-1 from
 * the most to the least frequent (ties in alphabetical order), with their counts. Unknown words
 * (rare or never seen) have no index: {@link #index(String)} returns -1 for them and
 * {@link #encode(List)} skips them, as word2vec does with rare words.
 */
public final class WordVocabulary {
    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> index;

    private WordVocabulary(String[] words, long[] counts) {
        this.words = words;
        this.counts = counts;
        this.index = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            index.put(words[i], i);
        }
    }

    /** Counts the tokens and keeps those occurring at least {@code minCount} (>= 1) times. */
    public static WordVocabulary of(List<String> tokens, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("WordVocabulary.of: the token list is empty; tokenise a text first (Tokenizer.words)");
        }
        Map<String, Long> count = new HashMap<>();
        for (String t : tokens) {
            count.merge(t, 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : count.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("No word occurs at least " + minCount + " times among " + tokens.size()
                    + " tokens (" + count.size() + " distinct); lower minCount");
        }
        kept.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()));
        String[] words = new String[kept.size()];
        long[] counts = new long[kept.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = kept.get(i).getKey();
            counts[i] = kept.get(i).getValue();
        }
        return new WordVocabulary(words, counts);
    }

    /** Number of words kept. */
    public int size() {
        return words.length;
    }

    /** Whether {@code word} has an index. */
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** Index of {@code word}, or -1 if it is not in the vocabulary. */
    public int index(String word) {
        return index.getOrDefault(word, -1);
    }

    /** The word with index {@code i}. */
    public String word(int i) {
        checkIndex(i);
        return words[i];
    }

    /** How often the word with index {@code i} occurred. */
    public long count(int i) {
        checkIndex(i);
        return counts[i];
    }

    /** Occurrence count of every word, by index (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** Indices of the known tokens, in order; unknown tokens are skipped. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        int n = 0;
        for (String t : tokens) {
            Integer i = index.get(t);
            if (i != null) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The {@code n} most frequent words (all of them if there are fewer), most frequent first. */
    public List<String> mostCommon(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("mostCommon(" + n + "): n must not be negative");
        }
        return List.of(Arrays.copyOf(words, Math.min(n, words.length)));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= words.length) {
            throw new IndexOutOfBoundsException("Word index " + i + " is outside 0.." + (words.length - 1));
        }
    }

    @Override
    public String toString() {
        return "WordVocabulary[" + words.length + " words]";
    }
}
