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
    void notebookJvmsGetPyTorchsCpuNatives() {
        assertEquals(java.util.Map.of("PYTORCH_FLAVOR", "cpu"), KernelSpec.ENVIRONMENT);
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> KernelSpec.ENVIRONMENT.put("X", "y"));
    }
}
