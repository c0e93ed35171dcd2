package dl10.kernel.engine;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Class path helpers: the JVM's effective class path (including jars named by the {@code Class-Path}
 * of a manifest, as with {@code java -jar}) and expansion of entries with glob patterns such as
 * {@code lib/*.jar}.
 */
public final class ClassPaths {
    private ClassPaths() {
    }

    /** The running JVM's class path with manifest Class-Path entries expanded, as absolute paths. */
    public static List<String> jvmClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifest(Paths.get(entry).toAbsolutePath().normalize(), entries, 0);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void addWithManifest(Path path, Set<String> entries, int depth) {
        if (!entries.add(path.toString()) || depth > 2 || !Files.isRegularFile(path)
                || !path.getFileName().toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            URI base = path.toUri();
            for (String item : classPath.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                URI resolved = base.resolve(item);
                if ("file".equals(resolved.getScheme())) {
                    addWithManifest(Paths.get(resolved).normalize(), entries, depth + 1);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable jar stays on the list as it is; the compiler reports it if it matters
        }
    }

    /**
     * Expands a path-separator list whose entries may contain globs ({@code *}, {@code ?}) in the file
     * name part, relative to the base directory. Entries that match nothing are reported in the exception.
     */
    public static List<String> expand(String pathList, Path base) throws IOException {
        List<String> result = new ArrayList<>();
        for (String raw : pathList.split(File.pathSeparator)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("~" + File.separator)) {
                entry = System.getProperty("user.home") + entry.substring(1);
            }
            Path path = base.resolve(entry).normalize();
            if (entry.contains("*") || entry.contains("?")) {
                result.addAll(glob(path, entry));
            } else if (Files.exists(path)) {
                result.add(path.toString());
            } else {
                throw new IOException("No such file or folder: " + path);
            }
        }
        return result;
    }

    private static List<String> glob(Path pattern, String original) throws IOException {
        Path dir = pattern.getParent();
        String name = pattern.getFileName().toString();
        if (dir == null || dir.toString().contains("*") || dir.toString().contains("?")) {
            throw new IOException("Only the file name part may contain * or ?: " + original);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("No such folder: " + dir + " (from " + original + ")");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<String> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path candidate : stream) {
                if (matcher.matches(candidate.getFileName())) {
                    matches.add(candidate.toString());
                }
            }
        }
        if (matches.isEmpty()) {
            throw new IOException("No files match " + original + " in " + dir);
        }
        matches.sort(String::compareTo);
        return matches;
    }
}
