package dl10.kernel.session;

import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the {@link NotebookExtension}s on a class path with {@link ServiceLoader} and installs them into a
 * session: their renderers first, then their imports. An extension that cannot be loaded or that throws is
 * logged and left out, so one broken library never stops a session from starting.
 */
public final class Extensions {
    private static final Logger LOG = Logger.getLogger(Extensions.class.getName());

    private Extensions() {
    }

    /** The extensions the class loader's class path declares, in class path order. */
    public static List<NotebookExtension> find(ClassLoader loader) {
        List<NotebookExtension> found = new ArrayList<>();
        var iterator = ServiceLoader.load(NotebookExtension.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "A notebook extension could not be loaded and is left out: " + e);
            }
        }
        return found;
    }

    /**
     * Registers each extension's renderers, then passes each of its imports (as written between
     * {@code import} and {@code ;}) to importer. Returns the imports that were passed.
     */
    public static List<String> install(List<NotebookExtension> extensions, Renderers renderers, Consumer<String> importer) {
        List<String> imported = new ArrayList<>();
        for (NotebookExtension extension : extensions) {
            String name = extension.getClass().getName();
            try {
                extension.registerRenderers(renderers);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "The renderers of " + name + " are left out: " + e, e);
            }
            List<String> imports;
            try {
                imports = extension.imports();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "The imports of " + name + " are left out: " + e, e);
                continue;
            }
            for (String target : imports == null ? List.<String>of() : imports) {
                try {
                    importer.accept(target);
                    imported.add(target);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "import " + target + " (from " + name + ") is left out: " + e.getMessage());
                }
            }
        }
        return imported;
    }
}
