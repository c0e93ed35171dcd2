package dl10.lib;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TextTest {
    @Test
    void tokenizerKeepsLowercaseWordsWithInnerApostrophes() {
        assertEquals(List.of("call", "me", "ishmael", "the", "whale's", "don't", "tis", "re", "enter", "café"),
                Tokenizer.words("Call me Ishmael. The WHALE’S 'don't' 'tis—re-enter 1851 café!"));
        assertEquals(List.of(), Tokenizer.words(" 12 -- ... "));
    }

    @Test
    void charVocabularyNumbersCharactersInOrder() {
        CharVocabulary v = CharVocabulary.of("hello world");
        assertEquals(8, v.size()); // ' ', d, e, h, l, o, r, w
        assertEquals(0, v.index(' '));
        assertEquals('w', v.character(7));
        assertTrue(v.contains('l'));
        assertFalse(v.contains('z'));
        int[] codes = v.encode("low");
        assertArrayEquals(new int[] {v.index('l'), v.index('o'), v.index('w')}, codes);
        assertEquals("low", v.decode(codes));
        assertEquals("CharVocabulary[8 characters]", v.toString());
    }

    @Test
    void charVocabularyRejectsUnknownCharactersAndEmptyText() {
        CharVocabulary v = CharVocabulary.of("abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.index('z'));
        assertTrue(e.getMessage().contains("Character 'z' (U+007A) is not in the vocabulary of 3 characters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.encode("ab\nc"));
        assertTrue(e.getMessage().contains("(U+000A) at position 2"), e.getMessage());
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> v.decode(new int[] {3})).getMessage().contains("outside 0..2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of("")).getMessage().contains("text is empty"));
    }

    @Test
    void wordVocabularyOrdersByCountThenAlphabet() {
        List<String> tokens = List.of("the", "whale", "the", "sea", "a", "whale", "the", "ship");
        WordVocabulary v = WordVocabulary.of(tokens, 1);
        assertEquals(5, v.size());
        assertEquals(List.of("the", "whale", "a", "sea", "ship"), v.mostCommon(10));
        assertEquals(List.of("the", "whale"), v.mostCommon(2));
        assertEquals(0, v.index("the"));
        assertEquals("whale", v.word(1));
        assertEquals(3, v.count(0));
        assertArrayEquals(new long[] {3, 2, 1, 1, 1}, v.counts());
        assertTrue(v.contains("sea"));
        assertEquals("WordVocabulary[5 words]", v.toString());
    }

    @Test
    void wordVocabularyDropsRareWordsAndSkipsUnknownOnes() {
        List<String> tokens = List.of("the", "whale", "the", "sea", "whale", "the");
        WordVocabulary v = WordVocabulary.of(tokens, 2);
        assertEquals(2, v.size());
        assertEquals(-1, v.index("sea"));
        assertEquals(-1, v.index("never"));
        assertFalse(v.contains("sea"));
        assertArrayEquals(new int[] {0, 1, 0}, v.encode(List.of("the", "sea", "whale", "kraken", "the")));
    }

    @Test
    void wordVocabularyRejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVocabulary.of(List.of(), 1))
                .getMessage().contains("token list is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVocabulary.of(List.of("a"), 0))
                .getMessage().contains("minCount must be at least 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVocabulary.of(List.of("a", "b"), 2))
                .getMessage().contains("No word occurs at least 2 times among 2 tokens"));
        WordVocabulary v = WordVocabulary.of(List.of("a"), 1);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> v.word(1)).getMessage().contains("Word index 1 is outside 0..0"));
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> v.count(-1)).getMessage().contains("Word index -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.mostCommon(-1)).getMessage().contains("must not be negative"));
    }

    @Test
    void mobyDickVocabularyIsLargeAndLedByThe() {
        List<String> words = Tokenizer.words(Datasets.mobyDick());
        WordVocabulary v = WordVocabulary.of(words, 5);
        assertEquals("the", v.word(0));
        assertTrue(words.size() > 200_000, "words " + words.size());
        assertTrue(v.size() > 3_000 && v.size() < 10_000, "size " + v.size());
        assertTrue(v.index("whale") >= 0);
    }
}
