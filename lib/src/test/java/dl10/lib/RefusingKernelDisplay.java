package dl10.lib;

/** A kernel Display class present on the class path but with no kernel running (as IJava outside a notebook). */
public final class RefusingKernelDisplay {

    private RefusingKernelDisplay() {
    }

    public static String display(Object o) {
        throw new IllegalStateException("No kernel running");
    }

    public static void updateDisplay(String id, Object o) {
        throw new IllegalStateException("No kernel running");
    }
}
