package dl10.kernel.magic;

import dl10.kernel.engine.CellFailure;
import dl10.kernel.engine.JShellEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellInterpreterTest {
    private Path dir;
    private JShellEngine engine;
    private CellInterpreter interpreter;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("dl10-magic-");
        engine = new JShellEngine(800);
        interpreter = new CellInterpreter(engine, dir, new MavenResolver(MavenResolver.defaultLocalRepository(), true));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    /** Compiles one public class into folder (as a class tree) and returns the folder. */
    private Path compile(String packageName, String className, String body, Path folder) throws IOException {
        Path source = Files.createTempDirectory(dir, "src").resolve(className + ".java");
        Files.writeString(source, "package " + packageName + "; public class " + className + " { " + body + " }");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "-d", folder.toString(), source.toString()));
        return folder;
    }

    private String captureStdout(ThrowingRunnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void classpathMagicAddsAClassFolder() throws Exception {
        Path classes = compile("demo.folder", "Greeter", "public static String hi() { return \"hi from folder\"; }",
                Files.createDirectories(dir.resolve("classes")));
        assertEquals("hi from folder", interpreter.run("%classpath " + dir.relativize(classes) + "\ndemo.folder.Greeter.hi()").value());
    }

    @Test
    void jarsMagicAddsJarsMatchingAGlob() throws Exception {
        Path classes = compile("demo.jar", "Answer", "public static int get() { return 42; }", Files.createTempDirectory(dir, "jarclasses"));
        Path jars = Files.createDirectories(dir.resolve("jars"));
        try (OutputStream file = Files.newOutputStream(jars.resolve("answer.jar")); JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("demo/jar/Answer.class"));
            jar.write(Files.readAllBytes(classes.resolve("demo/jar/Answer.class")));
            jar.closeEntry();
        }
        assertEquals(42, interpreter.run("%jars jars/*.jar\ndemo.jar.Answer.get()").value());
    }

    @Test
    void jarsMagicReportsAGlobMatchingNothing() {
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter.run("%jars nowhere/*.jar"));
        assertEquals("MagicError", failure.ename());
        assertTrue(failure.evalue().startsWith("%jars: No such folder: "), failure.evalue());
    }

    @Test
    void loadRunsAJshFileAndTheCodeCellsOfANotebook() throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int helperValue = 5;\nint times(int a) { return a * helperValue; }\n");
        assertEquals(15, interpreter.run("%load helpers.jsh\ntimes(3)").value());
        Files.writeString(dir.resolve("other.ipynb"), "{\"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"int ignored = ;\"]},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null, \"source\": [\"int fromNotebook = 7;\\n\", \"fromNotebook * 2\"]}"
                + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        assertEquals(14, interpreter.run("%load other.ipynb").value());
    }

    @Test
    void loadFindsAFileByItsNameAsIJavaDoes() throws Exception {
        Path utils = Files.createDirectories(dir.resolve("utils"));
        Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
        Files.writeString(utils.resolve("helpers.jsh"), "int fromJsh() { return 1; }\n");
        Files.writeString(utils.resolve("shell.jshell"), "int fromJshell() { return 2; }\n");
        Files.writeString(utils.resolve("Shapes.java"), "class Square { int side = 3; }\n");
        Files.writeString(utils.resolve("book.ipynb"), "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [],"
                + " \"execution_count\": null, \"source\": \"int fromNotebook() { return 4; }\"}], \"metadata\": {},"
                + " \"nbformat\": 4, \"nbformat_minor\": 5}");
        CellInterpreter inNotebooks = new CellInterpreter(engine, notebooks, new MavenResolver(MavenResolver.defaultLocalRepository(), true));
        inNotebooks.run("%load ../utils/helpers\n%load ../utils/shell\n%load ../utils/Shapes\n%load ../utils/book");
        assertEquals(10, inNotebooks.run("fromJsh() + fromJshell() + new Square().side + fromNotebook()").value());
    }

    @Test
    void loadReportsAMissingFile() {
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter.run("%load missing.jsh"));
        assertEquals("%load: file not found: " + dir.toAbsolutePath().normalize().resolve("missing.jsh")
                + " (also tried .jsh, .jshell, .java, .ijava, .ipynb; relative paths start at " + dir.toAbsolutePath().normalize() + ")",
                failure.evalue());
    }

    @Test
    void mavenMagicResolvesFromTheLocalRepository() throws Exception {
        String printed = captureStdout(() -> interpreter.run("%maven org.apache.commons:commons-math3:3.6.1"));
        assertTrue(printed.startsWith("Added ") && printed.contains("commons-math3-3.6.1.jar"), printed);
        assertEquals(3.0, interpreter.run("org.apache.commons.math3.util.FastMath.sqrt(9.0)").value());
    }

    @Test
    void mavenMagicRejectsABadCoordinate() {
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter.run("%maven commons-math3"));
        assertEquals("%maven: 'commons-math3' is not a Maven coordinate; write group:artifact:version,"
                + " for example %maven org.apache.commons:commons-math3:3.6.1", failure.evalue());
    }

    @Test
    void mavenMagicReportsAnArtifactThatCannotBeResolved() {
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter.run("%maven org.example.none:no-such-artifact:9.9.9"));
        assertTrue(failure.evalue().startsWith("%maven: could not resolve org.example.none:no-such-artifact:9.9.9"), failure.evalue());
    }

    @Test
    void timeMagicsPrintWallTimeAndKeepTheValue() throws Exception {
        String[] value = new String[1];
        String line = captureStdout(() -> value[0] = String.valueOf(interpreter.run("%time 6 * 7").value()));
        assertEquals("42", value[0]);
        assertTrue(line.matches("Wall time: [0-9.]+ (ms|s)\\s*"), line);
        String cell = captureStdout(() -> value[0] = String.valueOf(interpreter.run("%%time\nint q = 2;\nq + 1").value()));
        assertEquals("3", value[0]);
        assertTrue(cell.matches("Wall time: [0-9.]+ (ms|s)\\s*"), cell);
    }

    @Test
    void unknownMagicsAreReportedWithTheKnownOnes() {
        CellFailure line = assertThrows(CellFailure.class, () -> interpreter.run("int before = 1;\n%nosuch arg"));
        assertEquals("Unknown line magic %nosuch. Available line magics: %classpath, %jars, %load, %loadFromPOM, %maven,"
                + " %addMavenDependency, %mavenRepo, %time", line.evalue());
        CellFailure cell = assertThrows(CellFailure.class, () -> interpreter.run("%%nosuch\n1"));
        assertEquals("Unknown cell magic %%nosuch. Available cell magics: %%time, %%loadFromPOM", cell.evalue());
    }

    @Test
    void compileErrorsAfterAMagicCountLinesFromTheCellStart() {
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter.run("%time 1\nint ok = 1;\nint bad = \"x\";"));
        assertEquals(3, failure.line());
    }
}
