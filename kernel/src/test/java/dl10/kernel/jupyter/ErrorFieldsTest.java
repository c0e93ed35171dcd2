package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorFieldsTest {
    @Test
    void anErrorCarriesItsNameValueAndTracebackLinesAndNothingElse() {
        JsonObject fields = KernelProtocol.errorFields("java.lang.IllegalStateException", "boom",
                List.of("java.lang.IllegalStateException: boom", "\tat f (cell [3], line 1)"));
        assertEquals(3, fields.size(), fields.toString());
        assertEquals("java.lang.IllegalStateException", fields.get("ename").getAsString());
        assertEquals("boom", fields.get("evalue").getAsString());
        assertEquals(2, fields.getAsJsonArray("traceback").size());
        assertEquals("\tat f (cell [3], line 1)", fields.getAsJsonArray("traceback").get(1).getAsString());
    }
}
