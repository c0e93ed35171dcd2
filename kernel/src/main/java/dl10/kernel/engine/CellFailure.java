package dl10.kernel.engine;

import java.util.List;

/**
 * A cell that did not complete: a compile error, an exception thrown by the user's code, an interrupt
 * or a timeout. Carries what Jupyter shows: the error name, its value (one line) and the traceback lines.
 */
public class CellFailure extends Exception {
    private final String ename;
    private final String evalue;
    private final List<String> traceback;
    private final int line;

    /** A failure; line is the 1-based line in the cell where it happened, or 0 if unknown. */
    public CellFailure(String ename, String evalue, List<String> traceback, int line) {
        super(ename + ": " + evalue);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
        this.line = line;
    }

    /** The error's name, e.g. {@code CompilationException} or {@code java.lang.IllegalStateException}. */
    public String ename() {
        return ename;
    }

    /** The error's one-line message. */
    public String evalue() {
        return evalue;
    }

    /** The lines shown to the user. */
    public List<String> traceback() {
        return traceback;
    }

    /** The 1-based line in the cell, or 0 if not known. */
    public int line() {
        return line;
    }
}
