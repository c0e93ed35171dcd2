package dl10.runner;

import com.google.gson.annotations.SerializedName;

import java.util.Locale;

/** How a notebook's headless run ended; written in lower case in reports. */
public enum Status {
    /** Every code cell ran without error. */
    @SerializedName("passed") PASSED,
    /** A cell failed (compile error, exception, failed check) or the notebook JVM could not run it. */
    @SerializedName("failed") FAILED,
    /** A cell ran past the timeout, or the notebook JVM had to be killed. */
    @SerializedName("timeout") TIMEOUT;

    /** The lower-case name used in reports and on the console. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
