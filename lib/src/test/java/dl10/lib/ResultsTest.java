package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    @TempDir
    Path dir;
    Path file;
    PrintStream oldOut;
    ByteArrayOutputStream out;

    @BeforeEach
    void setUp() {
        file = dir.resolve("sub/metrics.jsonl");
        System.setProperty(Results.PROPERTY, file.toString());
        oldOut = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(oldOut);
        System.clearProperty(Results.PROPERTY);
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void recordPrintsAndAppendsAJsonLine() throws Exception {
        Results.record("test accuracy", 0.93456);
        Results.record("note \"q\"", 12);
        assertEquals("test accuracy = 0.9346\nnote \"q\" = 12", printed());
        assertEquals(List.of(
                "{\"name\":\"test accuracy\",\"value\":0.93456,\"op\":null,\"threshold\":null,\"passed\":null}",
                "{\"name\":\"note \\\"q\\\"\",\"value\":12.0,\"op\":null,\"threshold\":null,\"passed\":null}"),
                Files.readAllLines(file));
        assertEquals(file, Results.metricsFile());
    }

    @Test
    void requirePassesAndRecordsTheCheck() throws Exception {
        Results.require("test accuracy", 0.97, ">=", 0.95);
        Results.require("loss", 0.1, "<", 0.2);
        Results.require("x", 2, ">", 1);
        Results.require("y", 2, "<=", 2);
        assertEquals("{\"name\":\"test accuracy\",\"value\":0.97,\"op\":\">=\",\"threshold\":0.95,\"passed\":true}",
                Files.readAllLines(file).get(0));
        assertEquals(4, Files.readAllLines(file).size());
        assertTrue(printed().startsWith("test accuracy = 0.97 (required >= 0.95: ok)"), printed());
    }

    @Test
    void requireFailsWithReadableMessage() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> Results.require("test accuracy", 0.91, ">=", 0.95));
        assertEquals("test accuracy 0.91 < required 0.95 (the check is test accuracy >= 0.95)", e.getMessage());
        assertEquals("{\"name\":\"test accuracy\",\"value\":0.91,\"op\":\">=\",\"threshold\":0.95,\"passed\":false}",
                Files.readAllLines(file).get(0));
        AssertionError lt = assertThrows(AssertionError.class, () -> Results.require("loss", 0.3, "<", 0.2));
        assertEquals("loss 0.3 >= required 0.2 (the check is loss < 0.2)", lt.getMessage());
        AssertionError gt = assertThrows(AssertionError.class, () -> Results.require("x", 1, ">", 1));
        assertEquals("x 1 <= required 1 (the check is x > 1)", gt.getMessage());
        AssertionError le = assertThrows(AssertionError.class, () -> Results.require("y", 3e-7, "<=", 1e-7));
        assertEquals("y 3.000e-07 > required 1.000e-07 (the check is y <= 1.000e-07)", le.getMessage());
    }

    @Test
    void closeValuesGetEnoughDigitsToDiffer() {
        AssertionError e = assertThrows(AssertionError.class, () -> Results.require("acc", 0.94996, ">=", 0.95));
        assertEquals("acc 0.94996 < required 0.95 (the check is acc >= 0.95)", e.getMessage());
    }

    @Test
    void nanValueFailsClearly() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> Results.require("test accuracy", Double.NaN, ">=", 0.9));
        assertEquals("test accuracy is NaN (not a number), required >= 0.9; the computation that produced it failed"
                + " (e.g. training diverged)", e.getMessage());
        assertEquals("{\"name\":\"test accuracy\",\"value\":null,\"op\":\">=\",\"threshold\":0.9,\"passed\":false}",
                Files.readAllLines(file).get(0));
    }

    @Test
    void badOpNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.require("acc", 1, "=>", 0.5));
        assertEquals("unknown comparison '=>' for acc; use one of >=, >, <=, <", e.getMessage());
        assertTrue(!Files.exists(file), "nothing recorded for a bad call");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Results.require("acc", 1, ">", Double.NaN));
        assertEquals("the threshold for acc is NaN; give a number", t.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Results.record(" ", 1));
        assertEquals("a result needs a name, e.g. \"test accuracy\"", n.getMessage());
    }

    @Test
    void requireGainChecksTheLowerBoundOfThePairedDifference() throws Exception {
        Stats.Difference d = Results.requireGain("ReLU − linear accuracy", new double[] {0.95, 0.97, 0.96},
                new double[] {0.60, 0.58, 0.62}, 0.2);
        assertEquals(0.36, d.mean(), 1e-9);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"name\":\"ReLU − linear accuracy\",\"value\":0.36"), lines.get(0));
        assertTrue(lines.get(1).contains("\"name\":\"ReLU − linear accuracy (lower 95 % bound)\""), lines.get(1));
        assertTrue(lines.get(1).endsWith("\"op\":\">=\",\"threshold\":0.2,\"passed\":true}"), lines.get(1));
        assertTrue(printed().startsWith("ReLU − linear accuracy: first setting 0.96 ± 0.01 (3 runs, 0.95 to 0.97);"
                + " second setting 0.6 ± 0.02 (3 runs, 0.58 to 0.62)"), printed());

        // a mean gain of 0.1 whose runs disagree in sign is not enough for a margin of 0.05
        AssertionError e = assertThrows(AssertionError.class, () -> Results.requireGain("noisy gain",
                new double[] {0.9, 0.5, 0.9}, new double[] {0.6, 0.7, 0.7}, 0.05));
        assertTrue(e.getMessage().startsWith("noisy gain (lower 95 % bound) -0.5573 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("< required 0.05 (the check is noisy gain (lower 95 % bound) >= 0.05)"),
                e.getMessage());
        assertEquals("paired: a difference needs at least 2 runs of each setting to have a spread, got 1; run more seeds",
                assertThrows(IllegalArgumentException.class,
                        () -> Results.requireGain("g", new double[] {1}, new double[] {0}, 0.1)).getMessage());
    }

    @Test
    void withoutPropertyNothingIsWritten() {
        System.clearProperty(Results.PROPERTY);
        if (System.getenv(Results.ENV) == null) {
            assertNull(Results.metricsFile());
        }
        Results.record("a", 1);
        assertTrue(!Files.exists(file));
    }

    @Test
    void formatUsesFourSignificantDigits() {
        assertEquals("0.1235", Results.format(0.123456));
        assertEquals("1235", Results.format(1234.56));
        assertEquals("0", Results.format(0));
        assertEquals("NaN", Results.format(Double.NaN));
        assertEquals("1.235e+08", Results.format(123456789));
        assertEquals("-2.5", Results.format(-2.5));
    }

    @Test
    void unwritableFileIsReported() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "x");
        System.setProperty(Results.PROPERTY, blocker.resolve("m.jsonl").toString());
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> Results.record("a", 1));
        assertTrue(e.getMessage().startsWith("could not append the result to the metrics file " + blocker.resolve("m.jsonl")),
                e.getMessage());
    }
}
