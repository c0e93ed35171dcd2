package dl10.tests.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.tests.CourseCheckout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class on the course's JupyterHub: the hub (environment/jupyterhub/) starts on loopback with three
 * students, starts their servers through its REST API, and each student runs lesson 01 at the same
 * time in a kernel of their own server, created and executed through the hub's proxy as JupyterLab
 * would. Every run must end without an error, meet the lesson's own thresholds and give the same
 * metrics as the others (fixed seeds). The first student's connection drops after the first cell (a
 * second tab of the same session takes it over, and the server closes the first): the client reopens it
 * as JupyterLab does and the lesson goes on. Each student's peak memory (server plus kernel) is sampled and
 * written to tests/target/hub-class-report.json; the README's students-per-machine figures come from it.
 *
 * <p>Needs the hub installed by environment/jupyterhub/install.sh: skipped, saying so, where it is
 * not, except under CI (environment variable CI set), where that is a failure.
 * System properties: {@code dl10.hub.lesson} (default notebooks/01-dnn.ipynb), {@code dl10.hub.students} (3).
 */
class ClassOnJupyterHubTest {
    private static final Duration CELL_TIMEOUT = Duration.ofSeconds(600);
    /** The student whose connection drops after the first cell (a second tab of the same session): the lesson must go on. */
    private static final String DROPPED = "student1";

    @Test
    void threeStudentsRunALessonAtOnceThroughTheHub(@TempDir Path temp) throws Exception {
        Path root = CourseCheckout.root();
        Path venv = ClassHub.venv(root);
        ClassHub.assumeInstalled(List.of(venv.resolve("bin/jupyterhub"),
                venv.resolve("share/jupyter/kernels/dl10-java/kernel.json"),
                venv.resolve("share/djl/pytorch"),
                root.resolve("environment/jupyterhub/node_modules/.bin/configurable-http-proxy")));
        assumeTrue(ProcessTreeSampler.available(), "no /proc/PID/smaps_rollup to measure memory on this system");

        Path lesson = root.resolve(System.getProperty("dl10.hub.lesson", "notebooks/01-dnn.ipynb"));
        List<String> cells = codeCells(lesson);
        int count = Integer.getInteger("dl10.hub.students", 3);
        List<String> students = IntStream.rangeClosed(1, count).mapToObj(i -> "student" + i).toList();
        Path metricsDir = temp.resolve("metrics");

        long t0 = System.nanoTime();
        try (ClassHub hub = ClassHub.start(root, venv, temp.resolve("hub"), students, metricsDir)) {
            double hubSeconds = seconds(t0);
            for (String student : students) {
                hub.startServer(student);
            }
            Map<String, Long> serverPids = new LinkedHashMap<>();
            for (String student : students) {
                serverPids.put(student, hub.awaitServer(student, Duration.ofSeconds(180)));
            }
            double serversSeconds = seconds(t0) - hubSeconds;

            Map<String, Supplier<Stream<ProcessHandle>>> trees = new LinkedHashMap<>();
            serverPids.forEach((student, pid) -> trees.put(student,
                    ProcessTreeSampler.tree(ProcessHandle.of(pid).orElseThrow(() ->
                            new IllegalStateException(student + "'s server (pid " + pid + ") is not running")))));
            trees.put("hub", hubWithoutServers(hub.processHandle(), Set.copyOf(serverPids.values())));

            Map<String, LessonRun> runs = new LinkedHashMap<>();
            long lessonStart = System.nanoTime();
            ProcessTreeSampler memory = new ProcessTreeSampler(trees, 200);
            ExecutorService pool = Executors.newFixedThreadPool(students.size());
            try {
                Map<String, Future<LessonRun>> futures = new LinkedHashMap<>();
                for (String student : students) {
                    futures.put(student, pool.submit(() -> runLesson(hub, student, cells)));
                }
                for (Map.Entry<String, Future<LessonRun>> f : futures.entrySet()) {
                    runs.put(f.getKey(), f.getValue().get());
                }
            } finally {
                pool.shutdownNow();
                memory.close();
            }
            double lessonSeconds = seconds(lessonStart);
            for (String student : students) {
                hub.stopServer(student);
            }

            Map<String, ProcessTreeSampler.Peak> peaks = memory.peaks();
            writeReport(root, lesson, runs, peaks, hubSeconds, serversSeconds, lessonSeconds, seconds(t0), memory.samples());

            for (String student : students) {
                LessonRun run = runs.get(student);
                assertTrue(run.failure() == null, () -> student + " on the hub: " + run.failure());
                assertEquals(cells.size(), run.cellsRun(), student + " did not run every code cell");
                if (student.equals(DROPPED)) {
                    assertTrue(run.reconnects().stream().anyMatch(r -> r.startsWith("closed by the server")),
                            () -> student + "'s dropped connection was not noticed and reopened: " + run.reconnects());
                }
                assertTrue(peaks.get(student).rssMib() > 100,
                        () -> student + "'s server and kernel were not measured: " + peaks.get(student));
            }
            List<JsonObject> first = metrics(metricsDir, students.get(0));
            assertFalse(first.isEmpty(), lesson + " recorded no metrics on the hub");
            List<JsonObject> checks = first.stream().filter(m -> m.has("threshold") && !m.get("threshold").isJsonNull()).toList();
            assertFalse(checks.isEmpty(), lesson + " checked no metric against a threshold on the hub");
            for (JsonObject check : checks) {
                assertTrue(check.get("passed").getAsBoolean(), lesson + ": threshold not met on the hub: " + check);
            }
            for (String student : students.subList(1, students.size())) {
                assertEquals(values(first), values(metrics(metricsDir, student)),
                        student + "'s run gave other numbers than " + students.get(0) + "'s: the lesson is not reproducible");
            }
        }
    }

    /** What one student's run of the lesson did. */
    record LessonRun(int cellsRun, long images, double seconds, String failure, List<String> reconnects) {
    }

    private static LessonRun runLesson(ClassHub hub, String student, List<String> cells) throws Exception {
        long start = System.nanoTime();
        int run = 0;
        long images = 0;
        try (HubKernel kernel = HubKernel.start(hub, student, "dl10-java")) {
            for (String code : cells) {
                HubKernel.CellRun result = kernel.execute(code, CELL_TIMEOUT);
                run++;
                images += result.images();
                if (run == 1 && student.equals(DROPPED)) {
                    kernel.dropConnection();
                }
                if (!result.ok()) {
                    return new LessonRun(run, images, seconds(start), "code cell " + run + " failed ("
                            + result.status() + "): " + result.error() + "\n" + code, kernel.reconnects());
                }
            }
            return new LessonRun(run, images, seconds(start), null, kernel.reconnects());
        }
    }

    /** The hub, its proxy and its services: every process of the hub's tree outside the students' servers. */
    private static Supplier<Stream<ProcessHandle>> hubWithoutServers(ProcessHandle hub, Set<Long> serverPids) {
        return () -> Stream.concat(Stream.of(hub), hub.descendants())
                .filter(ProcessHandle::isAlive)
                .filter(p -> !belongsToServer(p, serverPids));
    }

    private static boolean belongsToServer(ProcessHandle process, Set<Long> serverPids) {
        for (ProcessHandle p = process; p != null; p = p.parent().orElse(null)) {
            if (serverPids.contains(p.pid())) {
                return true;
            }
        }
        return false;
    }

    static List<String> codeCells(Path notebook) throws Exception {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<String> cells = new ArrayList<>();
        for (JsonElement cell : nb.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (!"code".equals(c.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = c.get("source");
            String code = source.isJsonArray()
                    ? Stream.of(source.getAsJsonArray().asList().toArray(JsonElement[]::new)).map(JsonElement::getAsString).collect(Collectors.joining())
                    : source.getAsString();
            if (!code.isBlank()) {
                cells.add(code);
            }
        }
        return cells;
    }

    private static List<JsonObject> metrics(Path dir, String student) throws Exception {
        Path file = dir.resolve(student + ".jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static Map<String, String> values(List<JsonObject> metrics) {
        Map<String, String> values = new LinkedHashMap<>();
        metrics.forEach(m -> values.put(m.get("name").getAsString(), m.get("value").toString()));
        return values;
    }

    private static void writeReport(Path root, Path lesson, Map<String, LessonRun> runs, Map<String, ProcessTreeSampler.Peak> peaks,
            double hubSeconds, double serversSeconds, double lessonSeconds, double totalSeconds, int samples) throws Exception {
        JsonObject report = new JsonObject();
        report.addProperty("lesson", root.relativize(lesson).toString());
        report.addProperty("hub_start_seconds", round(hubSeconds));
        report.addProperty("servers_start_seconds", round(serversSeconds));
        report.addProperty("lesson_wall_seconds", round(lessonSeconds));
        report.addProperty("total_seconds", round(totalSeconds));
        report.addProperty("memory_samples", samples);
        JsonObject students = new JsonObject();
        StringBuilder text = new StringBuilder("class hub: " + runs.size() + " students ran " + lesson.getFileName()
                + " at once; wall time, CPU time and peak memory of server + kernel (MiB):\n");
        runs.forEach((student, run) -> {
            ProcessTreeSampler.Peak peak = peaks.get(student);
            JsonObject s = new JsonObject();
            s.addProperty("status", run.failure() == null ? "passed" : "failed");
            s.addProperty("cells", run.cellsRun());
            s.addProperty("images", run.images());
            s.addProperty("seconds", round(run.seconds()));
            s.addProperty("peak_rss_mib", round(peak.rssMib()));
            s.addProperty("peak_pss_mib", round(peak.pssMib()));
            s.addProperty("peak_uss_mib", round(peak.ussMib()));
            s.addProperty("cpu_seconds", round(peak.cpuSeconds()));
            JsonArray reconnects = new JsonArray();
            run.reconnects().forEach(reconnects::add);
            s.add("websocket_reconnects", reconnects);
            students.add(student, s);
            text.append(String.format("  %-9s %5.1f s (%5.1f CPU s)  RSS %6.0f  PSS %6.0f  USS %6.0f  (%d cells, %d images%s)%n",
                    student, run.seconds(), peak.cpuSeconds(), peak.rssMib(), peak.pssMib(), peak.ussMib(), run.cellsRun(), run.images(),
                    run.reconnects().isEmpty() ? "" : ", websocket reopened " + run.reconnects().size() + " times: " + run.reconnects()));
        });
        report.add("students", students);
        ProcessTreeSampler.Peak hub = peaks.get("hub");
        JsonObject h = new JsonObject();
        h.addProperty("peak_rss_mib", round(hub.rssMib()));
        h.addProperty("peak_pss_mib", round(hub.pssMib()));
        h.addProperty("peak_uss_mib", round(hub.ussMib()));
        report.add("hub_proxy_and_services", h);
        text.append(String.format("  hub, proxy and idle culler: RSS %.0f  PSS %.0f  USS %.0f%n", hub.rssMib(), hub.pssMib(), hub.ussMib()));
        text.append(String.format("  hub up in %.1f s, servers ready %.1f s later, lesson %.1f s, whole test %.1f s%n",
                hubSeconds, serversSeconds, lessonSeconds, totalSeconds));
        Path out = root.resolve("tests/target/hub-class-report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n");
        System.out.print(text);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
