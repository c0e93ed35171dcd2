package dl10.kernel.magic;

import com.sun.net.httpserver.HttpServer;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Maven magics as IJava resolves them, against Maven Central into a temporary local repository, and
 * against a repository of this test's own behind a mirror and a proxy named in a settings.xml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MavenMagicsTest {
    private Path dir;
    private JShellEngine engine;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("dl10-maven-");
        engine = new JShellEngine(800);
    }

    @AfterAll
    void stop() throws IOException {
        engine.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private CellInterpreter interpreter(MavenResolver resolver) {
        return new CellInterpreter(engine, dir, resolver);
    }

    private MavenResolver central() {
        return new MavenResolver(dir.resolve("local-repo"), false);
    }

    /** Runs the cell and returns what it printed on stdout and stderr. */
    private String[] printed(CellInterpreter interpreter, String cell) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            interpreter.run(cell);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void mavenBringsTheWholeTransitiveClosureEvenWhenParentPomsActivateProfilesByJdk() throws Exception {
        // commons-beanutils' parent (commons-parent) activates profiles by JDK version; without the system
        // properties in the resolver session that POM failed and its dependencies were silently dropped
        String[] printed = printed(interpreter(central()), "%maven commons-beanutils:commons-beanutils:1.9.4");
        assertTrue(printed[0].contains("commons-collections-3.2.2.jar"), printed[0] + printed[1]);
        assertEquals("org.apache.commons.collections.FastHashMap",
                engine.eval("org.apache.commons.collections.FastHashMap.class.getName()").value());
        assertEquals(2, engine.eval("new org.apache.commons.beanutils.BasicDynaClass().getClass().getName().length() > 0 ? 2 : 0").value());
    }

    @Test
    void loadFromPomResolvesAPomFileWithItsPropertiesAndRepositories() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>course</groupId><artifactId>notebook</artifactId><version>1</version>
                  <properties><text.version>1.10.0</text.version></properties>
                  <dependencies>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-text</artifactId><version>${text.version}</version></dependency>
                    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
                  </dependencies>
                </project>
                """);
        String[] printed = printed(interpreter(central()), "%loadFromPOM pom.xml");
        assertTrue(printed[0].contains("commons-text-1.10.0.jar") && printed[0].contains("commons-lang3-"), printed[0] + printed[1]);
        assertTrue(!printed[0].contains("junit"), "test scope is not loaded unless asked for: " + printed[0]);
        assertEquals("ABC", engine.eval("org.apache.commons.text.CaseUtils.toCamelCase(\"a b c\", true, ' ').toUpperCase()").value());
    }

    @Test
    void loadFromPomCellMagicTakesFragmentsOfAPom() throws Exception {
        String cell = """
                %%loadFromPOM
                <properties><codec.version>1.15</codec.version></properties>
                <dependency>
                  <groupId>commons-codec</groupId><artifactId>commons-codec</artifactId><version>${codec.version}</version>
                </dependency>
                """;
        String[] printed = printed(interpreter(central()), cell);
        assertTrue(printed[0].contains("commons-codec-1.15.jar") || printed[1].contains("commons-codec:commons-codec:1.15"),
                printed[0] + printed[1]);
        CellFailure failure = assertThrows(CellFailure.class, () -> interpreter(central()).run("%%loadFromPOM\n<dependency><groupId>x"));
        assertTrue(failure.evalue().startsWith("%%loadFromPOM: the cell is not POM XML"), failure.evalue());
    }

    @Test
    void anArtifactTheKernelAlreadyCarriesInAnotherVersionIsNotAddedAndSaysSo() throws Exception {
        // the kernel carries DJL's api (the course's engine); an older one from %maven would be shadowed by it
        Path djl = MavenResolver.defaultLocalRepository().resolve("ai/djl/api/0.35.1/api-0.35.1.jar");
        if (!Files.isRegularFile(djl)) {
            djl = central().resolve("ai.djl:api:0.35.1").get(0);
        }
        engine.addToClasspath(List.of(djl.toString()));
        String[] printed = printed(interpreter(central()), "%maven ai.djl:api:0.20.0");
        assertTrue(printed[1].contains("brings ai.djl:api:0.20.0, but this session already has ai.djl:api:0.35.1")
                && printed[1].contains("ai.djl:api:0.20.0 was not added"), printed[1]);
        assertTrue(engine.addedClassPath().stream().noneMatch(p -> p.endsWith("api-0.20.0.jar")), engine.addedClassPath().toString());
    }

    @Test
    void aResolutionFailureIsReportedNotSwallowed() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> interpreter(central()).run("%maven org.example.dl10:does-not-exist:1.0"));
        assertTrue(failure.evalue().startsWith("%maven: could not resolve org.example.dl10:does-not-exist:1.0 (searched central"),
                failure.evalue());
    }

    /** A one-class artifact org.example.dl10:greeting:1.0 in a repository folder of this test. */
    private Path fakeRepository() throws IOException {
        Path repo = dir.resolve("fake-repo");
        Path version = Files.createDirectories(repo.resolve("org/example/dl10/greeting/1.0"));
        if (Files.exists(version.resolve("greeting-1.0.jar"))) {
            return repo;
        }
        Path src = Files.createDirectories(dir.resolve("greeting-src/greeting"));
        Files.writeString(src.resolve("Greeting.java"), "package greeting; public class Greeting { public static String hello() { return \"hello from the mirror\"; } }");
        Path classes = Files.createDirectories(dir.resolve("greeting-classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "-d", classes.toString(), src.resolve("Greeting.java").toString()));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(version.resolve("greeting-1.0.jar")))) {
            jar.putNextEntry(new JarEntry("greeting/Greeting.class"));
            jar.write(Files.readAllBytes(classes.resolve("greeting/Greeting.class")));
            jar.closeEntry();
        }
        Files.writeString(version.resolve("greeting-1.0.pom"), "<project><modelVersion>4.0.0</modelVersion><groupId>org.example.dl10</groupId>"
                + "<artifactId>greeting</artifactId><version>1.0</version></project>");
        return repo;
    }

    @Test
    void aMirrorInSettingsXmlIsUsed() throws Exception {
        Path settings = dir.resolve("settings-mirror.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>course-mirror</id><mirrorOf>*</mirrorOf><url>"
                + fakeRepository().toUri() + "</url></mirror></mirrors></settings>");
        MavenResolver resolver = new MavenResolver(dir.resolve("local-mirror"), false, settings, null);
        printed(interpreter(resolver), "%maven org.example.dl10:greeting:1.0");
        assertEquals("hello from the mirror", engine.eval("greeting.Greeting.hello()").value());
    }

    @Test
    void aProxyInSettingsXmlIsUsed() throws Exception {
        Path repo = fakeRepository();
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            String path = exchange.getRequestURI().getPath().replaceFirst("^/maven2/", "");
            Path file = repo.resolve(path).normalize();
            if (file.startsWith(repo) && Files.isRegularFile(file)) {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
                if (!"HEAD".equals(exchange.getRequestMethod())) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        proxy.start();
        try {
            Path settings = dir.resolve("settings-proxy.xml");
            Files.writeString(settings, "<settings><proxies><proxy><id>course-proxy</id><active>true</active><protocol>http</protocol>"
                    + "<host>127.0.0.1</host><port>" + proxy.getAddress().getPort() + "</port></proxy></proxies>"
                    + "<mirrors><mirror><id>behind-proxy</id><mirrorOf>*</mirrorOf><url>http://repository.course.invalid/maven2/</url></mirror></mirrors>"
                    + "</settings>");
            MavenResolver resolver = new MavenResolver(dir.resolve("local-proxy"), false, settings, null);
            printed(interpreter(resolver), "%maven org.example.dl10:greeting:1.0");
            assertTrue(requests.stream().anyMatch(r -> r.contains("repository.course.invalid/maven2/org/example/dl10/greeting/1.0/greeting-1.0.jar")),
                    requests.toString());
        } finally {
            proxy.stop(0);
        }
    }
}
