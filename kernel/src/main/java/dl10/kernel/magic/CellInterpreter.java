package dl10.kernel.magic;

import dl10.kernel.engine.CellFailure;
import dl10.kernel.engine.ClassPaths;
import dl10.kernel.engine.JShellEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one cell: a cell magic on the first line ({@code %%time}, {@code %%loadFromPOM}) applies to the
 * whole cell, line magics ({@code %classpath}, {@code %jars}, {@code %load}, {@code %maven},
 * {@code %mavenRepo}, {@code %loadFromPOM}, {@code %time}) run where they stand, and the Java code between
 * them goes to the {@link JShellEngine}. Relative paths are resolved against the session's working
 * folder. The magics take the arguments IJava's take, so notebooks written for IJava run here.
 */
public final class CellInterpreter {
    /** The line magics understood, for messages. */
    public static final List<String> LINE_MAGICS = List.of("classpath", "jars", "load", "loadFromPOM", "maven",
            "addMavenDependency", "mavenRepo", "time");
    /** The cell magics understood, for messages. */
    public static final List<String> CELL_MAGICS = List.of("time", "loadFromPOM");
    /** The extensions %load tries, in IJava's order, when the file named does not exist; then .ipynb. */
    public static final List<String> LOAD_EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)(.*)$");

    private final JShellEngine engine;
    private final Path workingDir;
    private final MavenResolver maven;

    /** An interpreter over the engine that resolves paths against workingDir. */
    public CellInterpreter(JShellEngine engine, Path workingDir, MavenResolver maven) {
        this.engine = engine;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.maven = maven;
    }

    /** True if the line is a magic line (so completeness checks can skip it). */
    public static boolean isMagicLine(String line) {
        return LINE_MAGIC.matcher(line).matches() || CELL_MAGIC.matcher(line).matches();
    }

    /** Runs the cell and returns the value of its last expression, if any. */
    public JShellEngine.Result run(String cell) throws CellFailure {
        return run(cell, 0);
    }

    private JShellEngine.Result run(String cell, int lineOffset) throws CellFailure {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher cellMagic = CELL_MAGIC.matcher(lines[first]);
            if (cellMagic.matches()) {
                String body = String.join("\n", List.of(lines).subList(first + 1, lines.length));
                return runCellMagic(cellMagic.group(1), cellMagic.group(2).trim(), body, lineOffset + first + 1);
            }
        }
        JShellEngine.Result last = JShellEngine.Result.NONE;
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher magic = LINE_MAGIC.matcher(lines[i]);
            if (magic.matches()) {
                if (!chunk.toString().isBlank()) {
                    last = engine.eval(chunk.toString(), lineOffset + chunkStart);
                }
                chunk.setLength(0);
                chunkStart = i + 1;
                last = runLineMagic(magic.group(1), magic.group(2).trim(), lineOffset + i);
            } else {
                chunk.append(lines[i]).append('\n');
            }
        }
        if (!chunk.toString().isBlank()) {
            last = engine.eval(chunk.toString(), lineOffset + chunkStart);
        }
        return last;
    }

    private JShellEngine.Result runCellMagic(String name, String args, String body, int bodyOffset) throws CellFailure {
        if ("loadFromPOM".equals(name)) {
            loadFromPom(PomFragments.toFile(body), words(args), "%%loadFromPOM");
            return JShellEngine.Result.NONE;
        }
        if ("time".equals(name)) {
            long start = System.nanoTime();
            try {
                return run(body, bodyOffset);
            } finally {
                printWallTime(start);
            }
        }
        throw new MagicException("Unknown cell magic %%" + name + ". Available cell magics: %%" + String.join(", %%", CELL_MAGICS));
    }

    private JShellEngine.Result runLineMagic(String name, String args, int lineOffset) throws CellFailure {
        switch (name) {
            case "classpath", "jars" -> {
                addClasspath(name, args);
                return JShellEngine.Result.NONE;
            }
            case "load" -> {
                return load(args);
            }
            case "maven", "addMavenDependency" -> {
                addMaven(args);
                return JShellEngine.Result.NONE;
            }
            case "mavenRepo" -> {
                List<String> words = words(args);
                if (words.size() != 2) {
                    throw new MagicException("%mavenRepo needs an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
                }
                maven.addRepository(words.get(0), words.get(1));
                return JShellEngine.Result.NONE;
            }
            case "loadFromPOM" -> {
                List<String> words = words(args);
                if (words.isEmpty()) {
                    throw new MagicException("%loadFromPOM needs the path of a pom.xml, e.g. %loadFromPOM pom.xml [scopes...]");
                }
                loadFromPom(workingDir.resolve(words.get(0)).normalize(), words.subList(1, words.size()), "%loadFromPOM");
                return JShellEngine.Result.NONE;
            }
            case "time" -> {
                long start = System.nanoTime();
                try {
                    return engine.eval(args, lineOffset);
                } finally {
                    printWallTime(start);
                }
            }
            default -> throw new MagicException("Unknown line magic %" + name + ". Available line magics: %"
                    + String.join(", %", LINE_MAGICS));
        }
    }

    private static void printWallTime(long startNanos) {
        double millis = (System.nanoTime() - startNanos) / 1e6;
        String text = millis < 1000 ? String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%.2f s", millis / 1000);
        System.out.println("Wall time: " + text);
    }

    private void addClasspath(String name, String args) throws MagicException {
        if (args.isBlank()) {
            throw new MagicException("%" + name + " needs one or more jar files or folders, e.g. %" + name + " lib/*.jar");
        }
        List<String> entries = new ArrayList<>();
        for (String part : args.split("\\s+")) {
            try {
                entries.addAll(ClassPaths.expand(part, workingDir));
            } catch (IOException e) {
                throw new MagicException("%" + name + ": " + e.getMessage() + " (relative paths start at " + workingDir + ")");
            }
        }
        engine.addToClasspath(entries);
    }

    private static List<String> words(String args) {
        List<String> words = new ArrayList<>();
        for (String word : args.trim().split("\\s+")) {
            if (!word.isEmpty() && !word.equals("-v") && !word.equals("--verbose")) {
                words.add(word);
            }
        }
        return words;
    }

    /** {@code %maven COORDINATE... [--from URL]...}, as IJava's {@code %maven}/{@code %addMavenDependency}. */
    private void addMaven(String args) throws MagicException {
        List<String> coordinates = new ArrayList<>();
        List<String> repositories = new ArrayList<>();
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--from") && i + 1 < words.size()) {
                repositories.add(words.get(++i));
            } else if (word.startsWith("--from=")) {
                repositories.add(word.substring("--from=".length()));
            } else {
                coordinates.add(word);
            }
        }
        if (coordinates.isEmpty()) {
            throw new MagicException("%maven needs a coordinate group:artifact:version, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        addResolved(maven.resolve(coordinates, repositories), String.join(" ", coordinates), "%maven");
    }

    private void loadFromPom(Path pom, List<String> scopes, String magic) throws MagicException {
        addResolved(maven.resolvePom(pom, scopes), pom.getFileName().toString(), magic);
    }

    /**
     * Adds resolved jars to the session, except those the session already carries: the same version is
     * skipped quietly, another version is skipped with a warning on stderr that names both (the carried
     * one is what cell code sees, since the kernel's classes load first).
     */
    private void addResolved(List<MavenResolver.Resolved> resolved, String what, String magic) {
        List<Path> carried = new ArrayList<>();
        for (String entry : ClassPaths.jvmClassPath()) {
            carried.add(Path.of(entry));
        }
        for (String entry : engine.addedClassPath()) {
            carried.add(Path.of(entry));
        }
        List<String> added = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (MavenResolver.Resolved artifact : resolved) {
            java.util.Optional<CarriedJars.Carried> clash = CarriedJars.find(artifact, carried);
            if (clash.isPresent() && clash.get().version().equals(artifact.version())) {
                present.add(artifact.file().getFileName().toString());
                continue;
            }
            if (clash.isPresent()) {
                System.err.println("Warning: " + magic + " " + what + " brings " + artifact.coordinate() + ", but this session already has "
                        + clash.get().describe() + " (" + clash.get().file() + "). Its classes load first, so cell code sees "
                        + clash.get().version() + ", not " + artifact.version() + "; " + artifact.coordinate()
                        + " was not added. Ask for version " + clash.get().version() + ", or use a kernel without it.");
                continue;
            }
            engine.addToClasspath(List.of(artifact.file().toString()));
            added.add(artifact.file().getFileName().toString());
        }
        System.out.println("Added " + added.size() + " jar(s) for " + what + (added.isEmpty() ? "" : ": " + String.join(", ", added))
                + (present.isEmpty() ? "" : "; already on the class path: " + String.join(", ", present)));
    }

    /**
     * {@code %load FILE}: runs a .jsh, .jshell or .java file, or the code cells of a notebook. As IJava,
     * a name without the file tries FILE.jsh, FILE.jshell, FILE.java, FILE.ijava and then FILE.ipynb.
     */
    private JShellEngine.Result load(String args) throws CellFailure {
        if (args.isBlank()) {
            throw new MagicException("%load needs a file: a .jsh, .jshell or .java file, or a notebook (.ipynb)");
        }
        Path named = workingDir.resolve(args.trim()).normalize();
        Path file = named;
        if (!Files.isRegularFile(file)) {
            file = null;
            for (String extension : LOAD_EXTENSIONS) {
                Path candidate = named.resolveSibling(named.getFileName() + extension);
                if (Files.isRegularFile(candidate)) {
                    file = candidate;
                    break;
                }
            }
        }
        if (file == null) {
            throw new MagicException("%load: file not found: " + named + " (also tried " + String.join(", ", LOAD_EXTENSIONS)
                    + "; relative paths start at " + workingDir + ")");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("%load: cannot read " + file + ": " + e.getMessage());
        }
        if (file.getFileName().toString().endsWith(".ipynb")) {
            JShellEngine.Result last = JShellEngine.Result.NONE;
            List<String> cells;
            try {
                cells = NotebookCode.codeCells(text);
            } catch (RuntimeException e) {
                throw new MagicException("%load: " + file + " is not a notebook (nbformat 4 JSON): " + e.getMessage());
            }
            for (String cell : cells) {
                last = run(cell);
            }
            return last;
        }
        return run(text);
    }
}
