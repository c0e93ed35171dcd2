package dl10.kernel.session;

import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A notebook extension on the test class path (listed in META-INF/services): an import and a renderer. */
public final class SampleExtension implements NotebookExtension {
    @Override
    public List<String> imports() {
        return List.of("java.time.*");
    }

    @Override
    public void registerRenderers(Renderers renderers) {
        renderers.register(Duration.class, List.of("text/html", "text/plain"),
                d -> Map.of("text/html", "<b>" + d.toSeconds() + " s</b>", "text/plain", d.toSeconds() + " s"));
    }
}
