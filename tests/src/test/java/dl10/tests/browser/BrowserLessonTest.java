package dl10.tests.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.tests.CourseCheckout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson as a student meets it: in JupyterLab (and lesson 1 also in Notebook 7), in Debian's
 * Chromium driven by Playwright ({@code tests/browser/lesson.mjs}), against a JupyterLab server from the
 * course's pinned environment with a fresh course kernelspec. For each lesson, Run > Run All Cells must
 * leave no error output, every code cell executed, as many images shown as the committed (headless)
 * run holds in each cell, and all LaTeX typeset by MathJax; a training cell's live chart must be
 * replaced in place at least 3 times (a lesson's own, or the test's training cell where the lesson
 * trains too briefly); the toolbar's interrupt must end a training cell within 3 s with the kernel's
 * "Interrupted" message and the next cell must run; Tab after {@code Math.} must offer {@code sqrt};
 * after a kernel restart, cells must run again.
 *
 * <p>This pass is also the memory-limit run: the server and its kernels run with Binder's kernel
 * options ({@code binder.java.opts} in environment/course.properties) inside one 2 GiB cgroup, and each
 * lesson's peak is recorded. Where no cgroup can be made, the lessons still run, without the limit, and
 * the memory test is skipped with the reason.
 *
 * <p>Artifacts in tests/target/browser/: a screenshot per lesson (at its live chart, the whole
 * notebook, the interrupted cell), the notebooks as the browser saved them, and report.md / report.json
 * with each lesson's run-all time, interrupt latency and peak memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserLessonTest {
    /** Binder's memory for a session: the server and every kernel together. */
    static final long MEMORY_LIMIT = 2L * 1024 * 1024 * 1024;
    /** Longest a cell may take to end after the toolbar's interrupt. */
    static final double INTERRUPT_SECONDS = 3.0;
    static final int RUN_ALL_TIMEOUT_SECONDS = 900;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Path out;
    private JupyterLabServer server;
    private MemoryCgroup cgroup;
    private String noCgroupReason;
    private final Map<String, JsonObject> report = new LinkedHashMap<>();

    /** Every lesson; {@code -Ddl10.browser.lessons=01,09} runs only those whose names start so (while developing). */
    static List<Path> notebooks() {
        String only = System.getProperty("dl10.browser.lessons", "").strip();
        if (only.isEmpty()) {
            return CourseCheckout.notebooks();
        }
        List<String> prefixes = List.of(only.split("\\s*,\\s*"));
        return CourseCheckout.notebooks().stream()
                .filter(n -> prefixes.stream().anyMatch(p -> n.getFileName().toString().startsWith(p))).toList();
    }

    @BeforeAll
    void startJupyterLab() throws Exception {
        Path root = CourseCheckout.root();
        Path browserTests = root.resolve("tests/browser");
        requirePrograms(browserTests);

        out = root.resolve("tests/target/browser");
        deleteRecursively(out);
        Path lessons = Files.createDirectories(out.resolve("server-root/lab"));
        Path classic = Files.createDirectories(out.resolve("server-root/notebook7"));
        for (Path notebook : notebooks()) {
            Files.copy(notebook, lessons.resolve(notebook.getFileName()));
        }
        Files.copy(lessonOne(), classic.resolve(lessonOne().getFileName()));
        Files.createDirectories(out.resolve("screenshots"));
        Files.createDirectories(out.resolve("saved"));

        // A fresh kernelspec with Binder's JVM options and the course library, in a Jupyter path of its own.
        Path jupyterPath = out.resolve("jupyter-path");
        String binderOptions = CourseCheckout.courseProperty("binder.java.opts");
        CourseCheckout.installKernelspec(jupyterPath, binderOptions);
        String kernelJson = Files.readString(jupyterPath.resolve("kernels/dl10-java/kernel.json"));
        for (String option : binderOptions.split("\\s+")) {
            assertTrue(kernelJson.contains(option), "kernel.json lacks Binder's option " + option + ":\n" + kernelJson);
        }
        assertTrue(kernelJson.contains("dl10-lib.jar"), "kernel.json lacks the course library on its class path:\n" + kernelJson);

        MemoryCgroup.Attempt attempt = MemoryCgroup.create("dl10-browser-" + ProcessHandle.current().pid(), MEMORY_LIMIT);
        cgroup = attempt.group().orElse(null);
        noCgroupReason = attempt.reason();
        if (cgroup == null) {
            System.out.println("browser tests: running without the 2 GiB limit: " + noCgroupReason);
        }
        server = JupyterLabServer.start(out.resolve("server-root"), out.resolve("server"), jupyterPath,
                Map.of("DL10_DATA", root.resolve("data").toString(),
                        "DL10_METRICS_FILE", out.resolve("metrics.jsonl").toString()),
                cgroup);
        if (cgroup != null) {
            assertTrue(cgroup.pids().contains(server.pid()), "the server (pid " + server.pid()
                    + ") is not in the memory cgroup " + cgroup.dir() + ": " + cgroup.pids());
        }
    }

    @ParameterizedTest(name = "{0} in JupyterLab")
    @MethodSource("notebooks")
    @Order(1)
    void lessonRunsInJupyterLab(Path notebook) throws Exception {
        runAndCheck(notebook, "lab", "lab/" + notebook.getFileName());
    }

    /** Lesson 1 (the first model lesson; lesson 0 sorts before it), which also runs in Notebook 7. */
    static Path lessonOne() {
        return CourseCheckout.notebooks().stream().filter(p -> p.getFileName().toString().startsWith("01-"))
                .findFirst().orElseThrow(() -> new AssertionError("no lesson 01-*.ipynb in notebooks/"));
    }

    @Test
    @Order(2)
    void lessonOneAndInterruptRunInNotebook7() throws Exception {
        Path notebook = lessonOne();
        runAndCheck(notebook, "notebook", "notebook7/" + notebook.getFileName());
    }

    @Test
    @Order(3)
    void everyLessonStaysWithinBindersMemoryLimit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cgroup != null,
                () -> "no 2 GiB memory limit here: " + noCgroupReason);
        List<String> over = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : report.entrySet()) {
            JsonObject lesson = e.getValue();
            if (!lesson.has("peakMiB")) {
                over.add(e.getKey() + ": no memory measured");
                continue;
            }
            if (lesson.get("oomKills").getAsLong() > 0) {
                over.add(e.getKey() + ": " + lesson.get("oomKills") + " process(es) killed for lack of memory");
            }
        }
        assertTrue(!report.isEmpty(), "no lesson ran");
        assertTrue(over.isEmpty(), () -> "under Binder's 2 GiB limit:\n" + String.join("\n", over));
    }

    private void runAndCheck(Path committed, String frontend, String pathInServer) throws Exception {
        String name = committed.getFileName().toString().replace(".ipynb", "") + "-" + frontend;
        Path config = out.resolve(name + ".config.json");
        Path result = out.resolve(name + ".result.json");
        Path saved = out.resolve("saved").resolve(name + ".ipynb");
        Path screenshot = out.resolve("screenshots").resolve(name + ".png");
        JsonObject settings = new JsonObject();
        settings.addProperty("baseUrl", server.baseUrl());
        settings.addProperty("token", server.token());
        settings.addProperty("notebook", pathInServer);
        settings.addProperty("frontend", frontend);
        settings.addProperty("result", result.toString());
        settings.addProperty("notebookFile", out.resolve("server-root").resolve(pathInServer).toString());
        settings.addProperty("saved", saved.toString());
        settings.addProperty("screenshot", screenshot.toString());
        settings.addProperty("runAllTimeoutSeconds", RUN_ALL_TIMEOUT_SECONDS);
        settings.addProperty("interrupt", true);
        settings.addProperty("completion", true);
        settings.addProperty("restart", true);
        Files.writeString(config, GSON.toJson(settings));

        if (cgroup != null) {
            cgroup.resetPeak();
        }
        Path log = out.resolve(name + ".node.log");
        Process node = new ProcessBuilder("node", "lesson.mjs", config.toString())
                .directory(CourseCheckout.root().resolve("tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!node.waitFor(RUN_ALL_TIMEOUT_SECONDS + 600, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail(name + ": the browser driver did not finish; its log:\n" + Files.readString(log));
        }
        if (!Files.isRegularFile(result)) {
            fail(name + ": the browser driver wrote no result (exit " + node.exitValue() + "); its log:\n"
                    + Files.readString(log));
        }
        JsonObject facts = JsonParser.parseString(Files.readString(result)).getAsJsonObject();

        JsonObject summary = new JsonObject();
        summary.addProperty("lesson", committed.getFileName().toString());
        summary.addProperty("frontend", frontend);
        summary.addProperty("runAllSeconds", round(number(facts, "runAllSeconds")));
        JsonObject interrupt = facts.has("interrupt") ? facts.getAsJsonObject("interrupt") : new JsonObject();
        summary.addProperty("interruptLatencySeconds", round(number(interrupt, "latencySeconds")));
        summary.addProperty("ownLiveChartReplacements", maxOwnReplacements(facts));
        summary.addProperty("liveChartShownBy", facts.has("ownInPlaceCell") && !facts.get("ownInPlaceCell").isJsonNull()
                ? "lesson cell " + (facts.get("ownInPlaceCell").getAsInt() + 1) : "test training cell");
        if (cgroup != null) {
            summary.addProperty("peakMiB", round(cgroup.peakBytes() / 1048576.0));
            summary.addProperty("peakRssMiB", round(cgroup.peakRssBytes() / 1048576.0));
            summary.addProperty("limitHits", cgroup.failCount());
            summary.addProperty("oomKills", cgroup.oomKills());
        }
        summary.addProperty("screenshot", CourseCheckout.root().relativize(screenshot).toString());
        report.put(name, summary);
        System.out.println("browser test " + name + ": " + GSON.toJson(summary).replaceAll("\\s+", " "));

        List<String> failures = new ArrayList<>();
        facts.getAsJsonArray("problems").forEach(p -> failures.add("the browser run stopped: " + p.getAsString()));
        if (Files.isRegularFile(saved)) {
            dl10.tests.NotebookSchema.violations(saved).forEach(v -> failures.add("the saved notebook is not valid nbformat: " + v));
            checkRunAll(committed, saved, facts, failures);
        } else {
            failures.add("the notebook was not saved after Run All");
        }
        checkInterrupt(facts, interrupt, failures);
        checkCompletion(facts, failures);
        checkRestart(facts, failures);
        assertTrue(failures.isEmpty(), () -> name + " (screenshots in " + out.resolve("screenshots") + "):\n- "
                + String.join("\n- ", failures));
    }

    /** After Run All: no error output, every code cell run, the images of the headless run, typeset maths. */
    private static void checkRunAll(Path committed, Path saved, JsonObject facts, List<String> failures) throws IOException {
        JsonArray expectedCells = JsonParser.parseString(Files.readString(committed)).getAsJsonObject().getAsJsonArray("cells");
        JsonArray savedCells = JsonParser.parseString(Files.readString(saved)).getAsJsonObject().getAsJsonArray("cells");
        JsonArray dom = facts.getAsJsonArray("cells");
        if (savedCells.size() != expectedCells.size() || dom.size() != expectedCells.size()) {
            failures.add("the browser holds " + savedCells.size() + " cells (" + dom.size() + " shown), the lesson "
                    + expectedCells.size());
            return;
        }
        int expectedImages = 0;
        int shownImages = 0;
        for (int i = 0; i < expectedCells.size(); i++) {
            JsonObject expected = expectedCells.get(i).getAsJsonObject();
            JsonObject cell = savedCells.get(i).getAsJsonObject();
            JsonObject shown = dom.get(i).getAsJsonObject();
            String where = "cell " + (i + 1);
            String type = cell.get("cell_type").getAsString();
            if (type.equals("code")) {
                if (cell.get("execution_count") == null || cell.get("execution_count").isJsonNull()) {
                    failures.add(where + " was not executed (prompt " + shown.get("prompt") + ")");
                }
                for (JsonElement o : cell.getAsJsonArray("outputs")) {
                    JsonObject output = o.getAsJsonObject();
                    String kind = output.get("output_type").getAsString();
                    if (kind.equals("error")) {
                        failures.add(where + " failed: " + output.get("ename").getAsString() + ": "
                                + output.get("evalue").getAsString());
                    } else if (kind.equals("stream") && output.get("name").getAsString().equals("stderr")) {
                        failures.add(where + " wrote to stderr: " + text(output.get("text")).strip());
                    }
                }
                int want = images(expected);
                int got = images(cell);
                int onScreen = shown.get("imagesShown").getAsInt();
                expectedImages += want;
                shownImages += onScreen;
                if (got != want) {
                    failures.add(where + " holds " + got + " image(s) in the browser, the headless run " + want);
                }
                if (onScreen != shown.get("images").getAsInt() || onScreen != got) {
                    failures.add(where + ": " + onScreen + " of " + got + " image(s) shown on screen");
                }
            } else if (type.equals("markdown")) {
                String source = text(cell.get("source"));
                if (!shown.get("markdownRendered").getAsBoolean()) {
                    failures.add(where + " (markdown) is not rendered");
                }
                if (source.contains("$") && shown.get("mathjax").getAsInt() == 0) {
                    failures.add(where + " has LaTeX but MathJax typeset none of it");
                }
                if (shown.get("mathjaxErrors").getAsInt() > 0) {
                    failures.add(where + ": MathJax reports " + shown.get("mathjaxErrors") + " error(s) in its LaTeX");
                }
                if (shown.get("dollarsLeft").getAsInt() > 0) {
                    failures.add(where + " shows raw LaTeX delimiters: ..." + shown.get("dollarContext").getAsString() + "...");
                }
            }
        }
        if (shownImages != expectedImages) {
            failures.add(shownImages + " image(s) shown after Run All, the headless run made " + expectedImages);
        }
    }

    /**
     * The live chart and the interrupt. A training cell must redraw its chart in place at least 3 times
     * without growing a list of images: a cell of the lesson itself did so during Run All, or else the
     * test's own training cell (the course's TrainingLoop) must before interrupt is pressed. That cell
     * must end within 3 s of the toolbar's interrupt with the kernel's "Interrupted" message, and the
     * next cell must run.
     */
    private static void checkInterrupt(JsonObject facts, JsonObject interrupt, List<String> failures) {
        if (interrupt.size() == 0) {
            failures.add("the interrupt step did not run");
            return;
        }
        if (interrupt.has("endedBeforeInterrupt")) {
            failures.add("the training cell ended by itself before its chart was redrawn: " + interrupt.get("output"));
            return;
        }
        JsonObject live = interrupt.getAsJsonObject("live"); // as it was when interrupt was pressed
        JsonObject after = interrupt.getAsJsonObject("liveAfter");
        boolean lessonCellInPlace = facts.has("ownInPlaceCell") && !facts.get("ownInPlaceCell").isJsonNull();
        int needed = lessonCellInPlace ? 1 : 3;
        if (live.get("replacements").getAsInt() < needed) {
            failures.add("the training cell's live chart was replaced in place only " + live.get("replacements")
                    + " time(s) before the interrupt" + (lessonCellInPlace ? "" : ", and no cell of the lesson"
                    + " redrew its chart in place 3 times during Run All"));
        }
        if (after.get("appendedImages").getAsInt() > 0 || live.get("maxOutputs").getAsInt() != 1) {
            failures.add("the live chart grew into a list: " + live.get("maxOutputs") + " outputs, "
                    + after.get("appendedImages") + " image(s) appended instead of replaced");
        }
        JsonElement latency = interrupt.get("latencySeconds");
        if (latency == null || latency.isJsonNull()) {
            failures.add("the training cell did not end within 30 s of the interrupt");
        } else if (latency.getAsDouble() > INTERRUPT_SECONDS) {
            failures.add(String.format(Locale.ROOT, "the training cell ended %.2f s after the interrupt (at most %.0f s)",
                    latency.getAsDouble(), INTERRUPT_SECONDS));
        }
        String output = interrupt.get("output").getAsString();
        if (!output.contains("Interrupted")) {
            failures.add("the interrupted cell does not say 'Interrupted'; it shows: " + output);
        }
        JsonObject next = interrupt.getAsJsonObject("next");
        if (!next.get("output").getAsString().contains("after the interrupt: 42")) {
            failures.add("the cell after the interrupt did not run as it should: " + next);
        }
    }

    private static void checkCompletion(JsonObject facts, List<String> failures) {
        if (!facts.has("completion")) {
            failures.add("the completion step did not run");
            return;
        }
        JsonArray items = facts.getAsJsonObject("completion").getAsJsonArray("items");
        boolean sqrt = false;
        for (JsonElement item : items) {
            sqrt |= item.getAsString().startsWith("sqrt");
        }
        if (!sqrt) {
            failures.add("Tab after 'Math.' offered no sqrt; it offered " + items);
        }
    }

    private static void checkRestart(JsonObject facts, List<String> failures) {
        if (!facts.has("restart")) {
            failures.add("the restart step did not run");
            return;
        }
        JsonObject restart = facts.getAsJsonObject("restart");
        JsonObject first = restart.getAsJsonObject("first");
        JsonObject scratch = restart.getAsJsonObject("scratch");
        if (!first.get("prompt").getAsString().startsWith("[1]")) {
            failures.add("after the restart the first cell ran as " + first.get("prompt") + ", not [1] of a new kernel"
                    + " (kernel states seen: " + restart.get("kernelStates") + ")");
        }
        if (first.get("output").getAsString().contains("Exception") || first.get("output").getAsString().contains("Error")) {
            failures.add("after the restart the first cell failed: " + first.get("output"));
        }
        if (!scratch.get("output").getAsString().strip().equals("4.0")) {
            failures.add("after the restart Math.sqrt(16.0) gave '" + scratch.get("output").getAsString() + "'");
        }
    }

    private static int maxOwnReplacements(JsonObject facts) {
        if (!facts.has("live")) {
            return 0;
        }
        int max = 0;
        for (Map.Entry<String, JsonElement> e : facts.getAsJsonObject("live").entrySet()) {
            max = Math.max(max, e.getValue().getAsJsonObject().get("replacements").getAsInt());
        }
        return max;
    }

    private static int images(JsonObject cell) {
        int n = 0;
        if (cell.has("outputs")) {
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
                if (data != null && data.keySet().stream().anyMatch(k -> k.startsWith("image/"))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String text(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            value.getAsJsonArray().forEach(line -> s.append(line.getAsString()));
            return s.toString();
        }
        return value.getAsString();
    }

    private static double number(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull() ? object.get(key).getAsDouble() : Double.NaN;
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    @AfterAll
    void stopAndReport() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
            if (out != null) {
                writeReport();
            }
        }
    }

    private void writeReport() throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("memoryLimitMiB", cgroup == null && noCgroupReason != null ? null : MEMORY_LIMIT / 1048576);
        json.addProperty("noMemoryLimitReason", noCgroupReason);
        json.addProperty("kernelJavaOptions", CourseCheckout.courseProperty("binder.java.opts"));
        JsonArray lessons = new JsonArray();
        report.values().forEach(lessons::add);
        json.add("lessons", lessons);
        Files.writeString(out.resolve("report.json"), GSON.toJson(json));

        StringBuilder md = new StringBuilder("# Lessons in the browser\n\n");
        md.append(cgroup != null || noCgroupReason == null
                ? "Server and kernels inside one 2 GiB memory cgroup, kernel options `" + CourseCheckout.courseProperty("binder.java.opts") + "` (Binder's).\n"
                : "No memory limit: " + noCgroupReason + "\n");
        md.append("Peak = the cgroup's memory.max_usage_in_bytes (resident memory and the page cache the lesson brought in);"
                + " resident = the highest total_rss sampled every 100 ms.\n\n");
        md.append("| Lesson | Front end | Run all (s) | Interrupt (s) | Lesson chart redraws | Live chart shown by | Peak (MiB) | Resident (MiB) | Limit hits |\n");
        md.append("|---|---|---:|---:|---:|---|---:|---:|---:|\n");
        double total = 0;
        for (JsonObject lesson : report.values()) {
            total += lesson.get("runAllSeconds").isJsonNull() ? 0 : lesson.get("runAllSeconds").getAsDouble();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                    lesson.get("lesson").getAsString(), lesson.get("frontend").getAsString(),
                    lesson.get("runAllSeconds"), lesson.get("interruptLatencySeconds"),
                    lesson.get("ownLiveChartReplacements"), lesson.get("liveChartShownBy").getAsString(),
                    value(lesson, "peakMiB"), value(lesson, "peakRssMiB"),
                    value(lesson, "limitHits")));
        }
        md.append(String.format(Locale.ROOT, "\nRun all, summed: %.1f s.\n", total));
        Files.writeString(out.resolve("report.md"), md);
    }

    private static String value(JsonObject lesson, String key) {
        return lesson.has(key) ? lesson.get(key).toString() : "–";
    }

    /** Node.js, the pinned playwright-core, Debian's Chromium and the course's JupyterLab must be here. */
    private static void requirePrograms(Path browserTests) throws IOException, InterruptedException {
        CourseCheckout.venvBin("jupyter-lab");
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            fail("/usr/bin/chromium is missing: install Debian's chromium (environment/install-system-packages.sh does)");
        }
        if (!Files.isDirectory(browserTests.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is not installed for the browser tests: run `npm ci --prefix tests/browser`"
                    + " (.ci/run does; it downloads no browser)");
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes()).strip();
            node.waitFor(30, TimeUnit.SECONDS);
            int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
            if (major < 20) {
                fail("the browser tests need Node.js 20 or newer; found " + version);
            }
        } catch (IOException | NumberFormatException e) {
            fail("the browser tests need Node.js 20 or newer on PATH (" + e.getMessage() + ")");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
