package dl10.kernel.magic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The jars a session already carries (the kernel's own class path and what was added to it), and
 * whether an artifact about to be added clashes with one of them: the same artifact, or a jar with the
 * same artifactId whose classes overlap. The kernel's classes load first, so a second version of a
 * library it carries is never the one cell code sees, and mixing the two fails later with
 * {@code NoSuchMethodError} or {@code ClassCastException}.
 */
public final class CarriedJars {
    /** A carried jar: its groupId (null if the jar does not say), artifactId, version and file. */
    public record Carried(String groupId, String artifactId, String version, Path file) {
        /** group:artifact:version, or artifact-version.jar when the group is unknown. */
        public String describe() {
            return groupId == null ? file.getFileName().toString() : groupId + ":" + artifactId + ":" + version;
        }
    }

    private CarriedJars() {
    }

    /**
     * The carried jar the artifact clashes with (or duplicates), if any. A carried jar matches when its
     * artifactId is the same and either its groupId is the same or, if it does not name one (jars built
     * without Maven's pom.properties), it holds a class of the same name as the artifact's jar.
     */
    public static Optional<Carried> find(MavenResolver.Resolved artifact, List<Path> classPath) {
        for (Path jar : classPath) {
            Carried carried = identify(jar, artifact.artifactId());
            if (carried == null) {
                continue;
            }
            if (carried.groupId() != null ? carried.groupId().equals(artifact.groupId()) : sharesAClass(jar, artifact.file())) {
                return Optional.of(carried);
            }
        }
        return Optional.empty();
    }

    /** The identity of a jar if its artifactId is the one asked about, else null. */
    static Carried identify(Path jar, String artifactId) {
        String name = jar.getFileName().toString();
        if (!name.endsWith(".jar") || !name.startsWith(artifactId + "-") || !Files.isRegularFile(jar)) {
            return null;
        }
        String rest = name.substring(artifactId.length() + 1, name.length() - ".jar".length());
        if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
            return null; // e.g. commons-math3-extra-1.0.jar is another artifact than commons-math3
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/" + artifactId + "/pom.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    return new Carried(properties.getProperty("groupId"), artifactId, properties.getProperty("version", rest), jar);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return new Carried(groupFromRepositoryLayout(jar, artifactId, rest), artifactId, rest, jar);
    }

    /** The groupId if the jar lies in a Maven repository layout (.../group/path/artifact/version/), else null. */
    private static String groupFromRepositoryLayout(Path jar, String artifactId, String version) {
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || !versionDir.getFileName().toString().equals(version)
                || !artifactDir.getFileName().toString().equals(artifactId)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Path dir = artifactDir.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            if (dir.getFileName().toString().equals("repository")) {
                java.util.Collections.reverse(parts);
                return parts.isEmpty() ? null : String.join(".", parts);
            }
            parts.add(dir.getFileName().toString());
        }
        return null;
    }

    private static boolean sharesAClass(Path a, Path b) {
        try (JarFile first = new JarFile(a.toFile()); JarFile second = new JarFile(b.toFile())) {
            Set<String> classes = new HashSet<>();
            first.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .forEach(classes::add);
            return second.stream().anyMatch(e -> classes.contains(e.getName()));
        } catch (IOException e) {
            return false;
        }
    }
}
