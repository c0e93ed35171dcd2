package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What repo2docker reads in binder/ is the course's configuration, and the Binder settings live in
 * one place, environment/course.properties: the links in README.md and RESULTS.md start with its
 * binder.url, and binder.java.opts is written nowhere else. (CI builds the image's steps themselves
 * with environment/check-image-build.sh; no Docker engine exists to build the image.)
 */
class BinderConfigurationTest {
    private final Path root = CourseCheckout.root();

    private Properties course() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(root.resolve("environment/course.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void binderUsesRepo2dockersOwnFilesAndTheCoursesPinnedRequirements() throws IOException {
        Path binder = root.resolve("binder");
        // A Dockerfile would make repo2docker ignore every other file in binder/.
        assertFalse(Files.exists(binder.resolve("Dockerfile")), "binder/Dockerfile would override apt.txt, requirements.txt and postBuild");
        List<String> requirements = meaningfulLines(binder.resolve("requirements.txt"));
        assertEquals(List.of("-r ../environment/requirements.txt"), requirements,
                "binder/requirements.txt must install exactly the course's pinned requirements");
        assertTrue(Files.isExecutable(binder.resolve("postBuild")), "binder/postBuild must be executable");
        assertTrue(Files.readString(binder.resolve("postBuild")).contains("environment/build-image.sh"),
                "binder/postBuild must run environment/build-image.sh, the steps CI checks");
        assertTrue(meaningfulLines(binder.resolve("runtime.txt")).get(0).matches("python-3\\.\\d+"),
                "binder/runtime.txt must name a Python 3 version as python-3.X");
        List<String> apt = meaningfulLines(binder.resolve("apt.txt"));
        assertTrue(apt.contains("openjdk-17-jdk-headless") && apt.contains("maven"), "binder/apt.txt must install a JDK 17 and Maven: " + apt);
        for (String pkg : apt) {
            assertTrue(pkg.matches("[a-z0-9][a-z0-9.+-]+"), "binder/apt.txt: '" + pkg + "' is not a package name repo2docker accepts");
        }
        for (String pinned : meaningfulLines(root.resolve("environment/requirements.txt"))) {
            assertTrue(pinned.startsWith("-r ") || pinned.matches("[A-Za-z0-9_.\\-\\[\\]]+==[0-9][A-Za-z0-9.]*"),
                    "environment/requirements.txt: '" + pinned + "' is not pinned to an exact version");
        }
    }

    @Test
    void binderLinksInReadmeAndResultsStartWithTheCoursesBinderUrl() throws IOException {
        String base = course().getProperty("binder.url");
        assertTrue(base != null && base.startsWith("https://mybinder.org/v2/gh/"), "binder.url in course.properties: " + base);
        Pattern link = Pattern.compile("https://mybinder\\.org/v2/[^)\\s\"]+");
        for (String page : List.of("README.md", "RESULTS.md")) {
            String text = Files.readString(root.resolve(page));
            Matcher m = link.matcher(text);
            List<String> links = new ArrayList<>();
            while (m.find()) {
                links.add(m.group());
            }
            assertFalse(links.isEmpty(), page + " has no Binder link");
            for (String l : links) {
                assertTrue(l.startsWith(base + "?"), page + ": Binder link " + l + " does not start with binder.url " + base
                        + " (environment/course.properties); remake RESULTS.md with environment/execute-notebooks.sh");
            }
            for (Path lesson : CourseCheckout.notebooks()) {
                String target = base + "?urlpath=lab/tree/notebooks/" + lesson.getFileName();
                assertTrue(links.contains(target), page + " has no Binder link to " + lesson.getFileName() + " (" + target + ")");
            }
        }
    }

    @Test
    void binderJavaOptionsAreDefinedOnlyInCourseProperties() throws IOException {
        String options = course().getProperty("binder.java.opts");
        assertTrue(options != null && options.contains("-Xmx"), "binder.java.opts in course.properties: " + options);
        List<String> copies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(file).toString();
                if (rel.startsWith(".git") || rel.contains("/target/") || rel.startsWith("target/") || rel.contains("node_modules/")
                        || rel.startsWith(".venv/") || rel.startsWith("data/") || rel.endsWith(".ipynb")
                        || rel.equals("environment/course.properties")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length < 2_000_000 && new String(bytes, StandardCharsets.UTF_8).contains(options)) {
                    copies.add(rel);
                }
            }
        }
        assertTrue(copies.isEmpty(), "Binder's JVM options are written out again in " + copies
                + "; read binder.java.opts from environment/course.properties instead");
    }

    private static List<String> meaningfulLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }
}
