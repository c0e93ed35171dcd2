package dl10.kernel.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves a Maven coordinate with its runtime dependencies from Maven Central through the local
 * repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and returns the jar files.
 */
public final class MavenResolver {
    /** group:artifact:version, or group:artifact:extension[:classifier]:version. */
    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;
    private final boolean offline;

    /** A resolver using the user's local repository and Maven Central. */
    public MavenResolver() {
        this(defaultLocalRepository(), false);
    }

    /** A resolver with an explicit local repository; offline resolves from the local repository only. */
    public MavenResolver(Path localRepository, boolean offline) {
        this.localRepository = localRepository;
        this.offline = offline;
    }

    /** The local repository Maven uses: {@code maven.repo.local} or {@code ~/.m2/repository}. */
    public static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Paths.get(configured) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /** True if the text has the shape of a Maven coordinate. */
    public static boolean isCoordinate(String text) {
        return COORDINATE.matcher(text).matches();
    }

    /** The jar files of the coordinate and its runtime dependencies. */
    public List<Path> resolve(String coordinate) throws MagicException {
        if (!isCoordinate(coordinate)) {
            throw new MagicException("%maven: '" + coordinate + "' is not a Maven coordinate; write group:artifact:version,"
                    + " for example %maven org.apache.commons:commons-math3:3.6.1");
        }
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setOffline(offline);
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile())));
            RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL).build();
            CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME), List.of(central));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getFile() != null) {
                    jars.add(result.getArtifact().getFile().toPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException | IllegalArgumentException e) {
            throw new MagicException("%maven: could not resolve " + coordinate + " from Maven Central or " + localRepository
                    + ": " + e.getMessage() + ". Check the group, artifact and version on https://central.sonatype.com");
        } finally {
            system.shutdown();
        }
    }
}
