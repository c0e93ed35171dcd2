package dl10.kernel.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input history of one kernel session, as {@code history_request} reads it (messaging
 * specification 5.4, "History"): every cell run with {@code store_history}, under its execution count,
 * with the text of its result. The kernel keeps one session, numbered {@link #SESSION}; in a range
 * request, session 0 means the current session too (as in IPython), and earlier sessions are empty.
 */
public final class CellHistory {
    /** The number of this kernel's session in history replies. */
    public static final int SESSION = 1;

    /** One stored cell: its execution count, its source and the text/plain of its result (or null). */
    public record Entry(int session, int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records a cell run with store_history under its execution count. */
    public synchronized void add(int executionCount, String input, String output) {
        entries.add(new Entry(SESSION, executionCount, input, output));
    }

    /** The last n entries, oldest first (all if n is negative). */
    public synchronized List<Entry> tail(int n) {
        int from = n < 0 ? 0 : Math.max(0, entries.size() - n);
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * The entries of a session whose execution counts lie in [start, stop); stop 0 or below means no upper
     * bound. Session 0 and {@link #SESSION} are this session; any other session is unknown here (empty).
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.line() >= start && (stop <= 0 || entry.line() < stop)) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * The entries whose whole input matches a glob pattern ({@code *} any text, {@code ?} one character,
     * case-sensitive, as IPython's history search); with unique, only the latest of equal inputs; with
     * n of 0 or more, only the last n matches. Oldest first.
     */
    public synchronized List<Entry> search(String pattern, int n, boolean unique) {
        Pattern regex = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (regex.matcher(entry.input()).matches()) {
                found.add(entry);
            }
        }
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry entry : found) {
                latest.remove(entry.input());
                latest.put(entry.input(), entry);
            }
            found = new ArrayList<>(latest.values());
        }
        if (n >= 0 && found.size() > n) {
            found = new ArrayList<>(found.subList(found.size() - n, found.size()));
        }
        return found;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
