package dl10.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The kernel's identity as Jupyter sees it. */
class KernelSpecTest {
    @Test
    void languageInfoDescribesJavaOfThisJvmAsJupyterExpects() {
        JsonObject info = KernelSpec.languageInfo();
        assertEquals("java", info.get("name").getAsString());
        assertEquals(System.getProperty("java.version"), info.get("version").getAsString());
        assertEquals("text/x-java-source", info.get("mimetype").getAsString());
        assertEquals(".jshell", info.get("file_extension").getAsString());
        assertEquals("java", info.get("codemirror_mode").getAsString());
        assertEquals("java", info.get("pygments_lexer").getAsString());
        assertEquals(6, info.size(), info.toString());
    }

    @Test
    void languageInfoIsANewObjectEachTimeSoACallerMayChangeIt() {
        JsonObject first = KernelSpec.languageInfo();
        first.addProperty("name", "changed");
        assertNotSame(first, KernelSpec.languageInfo());
        assertEquals("java", KernelSpec.languageInfo().get("name").getAsString());
    }

    @Test
    void notebookJvmsGetPyTorchsCpuNativesAndMallocKeepingFreedMemory() {
        assertEquals(java.util.List.of("PYTORCH_FLAVOR", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"),
                java.util.List.copyOf(KernelSpec.ENVIRONMENT.keySet()));
        assertEquals("cpu", KernelSpec.ENVIRONMENT.get("PYTORCH_FLAVOR"));
        assertEquals(256L * 1024 * 1024, Long.parseLong(KernelSpec.ENVIRONMENT.get("MALLOC_TRIM_THRESHOLD_")));
        assertEquals(64L * 1024 * 1024, Long.parseLong(KernelSpec.ENVIRONMENT.get("MALLOC_TOP_PAD_")));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> KernelSpec.ENVIRONMENT.put("X", "y"));
    }
}
