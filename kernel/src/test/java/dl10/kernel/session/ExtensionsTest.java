package dl10.kernel.session;

import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;
import dl10.kernel.render.KernelRenderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExtensionsTest {
    /** Imports two names, one of which the session rejects, and renders booleans. */
    public static final class Good implements NotebookExtension {
        @Override
        public List<String> imports() {
            return List.of("java.time.*", "no.such.pkg.Thing");
        }

        @Override
        public void registerRenderers(Renderers renderers) {
            renderers.register(Boolean.class, List.of("text/plain"), b -> Map.of("text/plain", b ? "yes" : "no"));
        }
    }

    /** Fails while registering its renderers; its imports still count. */
    public static final class Throwing implements NotebookExtension {
        @Override
        public List<String> imports() {
            return List.of("java.util.zip.*");
        }

        @Override
        public void registerRenderers(Renderers renderers) {
            throw new IllegalStateException("broken library");
        }
    }

    @Test
    void extensionsAreFoundOnAClassPathAndOneThatCannotLoadIsLeftOut(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(NotebookExtension.class.getName()),
                Good.class.getName() + "\nno.such.Extension\n" + Throwing.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ExtensionsTest.class.getClassLoader())) {
            List<String> names = Extensions.find(loader).stream().map(e -> e.getClass().getName()).toList();
            assertEquals(true, names.contains(Good.class.getName()), names.toString());
            assertEquals(true, names.contains(Throwing.class.getName()), names.toString());
            assertEquals(false, names.stream().anyMatch(n -> n.startsWith("no.such")), names.toString());
        }
    }

    @Test
    void installRegistersRenderersAndPassesImportsLeavingOutFailures() {
        KernelRenderer renderer = KernelRenderer.standalone();
        List<String> seen = new ArrayList<>();
        List<String> imported = Extensions.install(List.of(new Good(), new Throwing()), renderer, target -> {
            seen.add(target);
            if (target.startsWith("no.such")) {
                throw new IllegalArgumentException("package no.such.pkg does not exist");
            }
        });
        assertEquals(List.of("java.time.*", "no.such.pkg.Thing", "java.util.zip.*"), seen);
        assertEquals(List.of("java.time.*", "java.util.zip.*"), imported);
        assertEquals("yes", renderer.render(true).getData(MIMEType.TEXT_PLAIN));
    }
}
