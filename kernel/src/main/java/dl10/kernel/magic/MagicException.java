package dl10.kernel.magic;

import dl10.kernel.engine.CellFailure;

import java.util.List;

/**
 * A magic command that cannot do what it was asked (unknown magic, missing file, bad coordinate); the
 * message says what went wrong and what to write instead.
 */
public class MagicException extends CellFailure {
    /** A failure of a magic with the given message. */
    public MagicException(String message) {
        super("MagicError", message, List.of("MagicError: " + message), 0);
    }
}
