package dl10.lib;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a notebook kernel's Display class in tests: records what was shown. */
public final class FakeKernelDisplay {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final List<Object> OBJECTS = new CopyOnWriteArrayList<>();

    private FakeKernelDisplay() {
    }

    public static String display(Object o) {
        CALLS.add("display");
        OBJECTS.add(o);
        return "id-1";
    }

    public static void updateDisplay(String id, Object o) {
        CALLS.add("update " + id);
        OBJECTS.add(o);
    }

    static void clear() {
        CALLS.clear();
        OBJECTS.clear();
    }
}
