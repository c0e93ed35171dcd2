package dl10.kernel.magic;

import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves Maven artifacts with their whole transitive runtime closure, as Maven itself does: the
 * repository session carries the JVM's system properties (so profiles that parent POMs activate by JDK
 * or OS apply), reads {@code ~/.m2/settings.xml} (and the global settings of a Maven installation) for
 * the local repository, mirrors, proxies, server credentials and offline mode, and treats a POM it cannot
 * read as an error instead of silently dropping that artifact's dependencies.
 */
public final class MavenResolver {
    /** group:artifact:version, or group:artifact:extension[:classifier]:version. */
    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** One resolved artifact: its coordinates and its file. */
    public record Resolved(String groupId, String artifactId, String version, Path file) {
        /** group:artifact:version. */
        public String coordinate() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    private final Path localRepositoryOverride;
    private final boolean offline;
    private final Path userSettings;
    private final Path globalSettings;
    private final List<RemoteRepository> extraRepositories = new ArrayList<>();

    /** A resolver as Maven on this machine would be: the user's and the global settings.xml. */
    public MavenResolver() {
        this(null, false, Paths.get(System.getProperty("user.home"), ".m2", "settings.xml"), globalSettingsFile());
    }

    /** A resolver with an explicit local repository and no settings file; offline uses the local repository only. */
    public MavenResolver(Path localRepository, boolean offline) {
        this(localRepository, offline, null, null);
    }

    /**
     * A resolver with an explicit local repository (null: from the settings or ~/.m2/repository) and
     * settings files (null: none).
     */
    public MavenResolver(Path localRepository, boolean offline, Path userSettings, Path globalSettings) {
        this.localRepositoryOverride = localRepository;
        this.offline = offline;
        this.userSettings = userSettings;
        this.globalSettings = globalSettings;
    }

    private static Path globalSettingsFile() {
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME"), System.getenv("M2_HOME")}) {
            if (home != null && !home.isBlank()) {
                return Paths.get(home, "conf", "settings.xml");
            }
        }
        return null;
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

    /** Adds a remote repository searched by later resolutions (the {@code %mavenRepo} magic). */
    public void addRepository(String id, String url) {
        extraRepositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /** The jar files of the coordinate and its runtime dependencies. */
    public List<Path> resolve(String coordinate) throws MagicException {
        return resolve(List.of(coordinate), List.of()).stream().map(Resolved::file).collect(Collectors.toList());
    }

    /**
     * Resolves the coordinates together (one dependency graph, so their common dependencies are mediated
     * once) from Maven Central, the repositories added before and the repository URLs given.
     */
    public List<Resolved> resolve(List<String> coordinates, List<String> repositoryUrls) throws MagicException {
        for (String coordinate : coordinates) {
            if (!isCoordinate(coordinate)) {
                throw new MagicException("%maven: '" + coordinate + "' is not a Maven coordinate; write group:artifact:version,"
                        + " for example %maven org.apache.commons:commons-math3:3.6.1");
            }
        }
        List<Dependency> roots = new ArrayList<>();
        for (String coordinate : coordinates) {
            roots.add(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
        }
        List<RemoteRepository> repositories = new ArrayList<>();
        for (String url : repositoryUrls) {
            repositories.add(new RemoteRepository.Builder("from-" + repositories.size(), "default", url).build());
        }
        return collect("%maven", String.join(" ", coordinates), roots, List.of(), repositories, Set.of(JavaScopes.COMPILE, JavaScopes.RUNTIME));
    }

    /**
     * Resolves the dependencies a POM file declares (after inheritance, interpolation, profiles and
     * dependency management, as Maven builds it), with its repositories. scopes are the dependency scopes
     * taken (empty: compile and runtime).
     */
    public List<Resolved> resolvePom(Path pomFile, List<String> scopes) throws MagicException {
        if (!Files.isRegularFile(pomFile)) {
            throw new MagicException("%loadFromPOM: no POM file at " + pomFile);
        }
        Set<String> wanted = scopes.isEmpty() ? Set.of(JavaScopes.COMPILE, JavaScopes.RUNTIME) : new LinkedHashSet<>(scopes);
        try (Context context = new Context()) {
            Model model = effectiveModel(context, pomFile);
            List<RemoteRepository> repositories = new ArrayList<>();
            for (Repository repository : model.getRepositories()) {
                repositories.add(new RemoteRepository.Builder(repository.getId(), "default", repository.getUrl()).build());
            }
            List<Dependency> roots = new ArrayList<>();
            for (org.apache.maven.model.Dependency dependency : model.getDependencies()) {
                String scope = dependency.getScope() == null || dependency.getScope().isEmpty() ? JavaScopes.COMPILE : dependency.getScope();
                if (wanted.contains(scope)) {
                    roots.add(toDependency(dependency, scope));
                }
            }
            List<Dependency> managed = new ArrayList<>();
            if (model.getDependencyManagement() != null) {
                for (org.apache.maven.model.Dependency dependency : model.getDependencyManagement().getDependencies()) {
                    managed.add(toDependency(dependency, dependency.getScope()));
                }
            }
            return collect(context, "%loadFromPOM", pomFile.toString(), roots, managed, repositories, wanted);
        }
    }

    private static Dependency toDependency(org.apache.maven.model.Dependency d, String scope) {
        Artifact artifact = new DefaultArtifact(d.getGroupId(), d.getArtifactId(), d.getClassifier(),
                d.getType() == null || "jar".equals(d.getType()) ? "jar" : d.getType(), d.getVersion());
        List<Exclusion> exclusions = d.getExclusions().stream()
                .map(e -> new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*")).collect(Collectors.toList());
        return new Dependency(artifact, scope, d.isOptional(), exclusions);
    }

    private Model effectiveModel(Context context, Path pomFile) throws MagicException {
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
        request.setPomFile(pomFile.toFile());
        request.setSystemProperties(System.getProperties());
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        request.setProcessPlugins(false);
        request.setTwoPhaseBuilding(false);
        request.setModelResolver(new RepositoryModelResolver(context, context.repositories(List.of())));
        try {
            return new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
        } catch (ModelBuildingException e) {
            String problems = e.getProblems().stream()
                    .filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING)
                    .map(p -> p.getMessage() + (p.getLineNumber() > 0 ? " (line " + p.getLineNumber() + ")" : ""))
                    .collect(Collectors.joining("; "));
            throw new MagicException("%loadFromPOM: " + pomFile + " is not a POM Maven can build: " + problems);
        }
    }

    private List<Resolved> collect(String magic, String what, List<Dependency> roots, List<Dependency> managed,
                                   List<RemoteRepository> repositories, Set<String> scopes) throws MagicException {
        try (Context context = new Context()) {
            return collect(context, magic, what, roots, managed, repositories, scopes);
        }
    }

    private List<Resolved> collect(Context context, String magic, String what, List<Dependency> roots, List<Dependency> managed,
                                   List<RemoteRepository> repositories, Set<String> scopes) throws MagicException {
        if (roots.isEmpty()) {
            return List.of();
        }
        CollectRequest collect = new CollectRequest();
        collect.setDependencies(roots);
        collect.setManagedDependencies(managed);
        collect.setRepositories(context.repositories(repositories));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(scopes));
        try {
            List<Resolved> jars = new ArrayList<>();
            for (ArtifactResult result : context.system.resolveDependencies(context.session, request).getArtifactResults()) {
                Artifact artifact = result.getArtifact();
                if (artifact != null && artifact.getFile() != null && "jar".equals(artifact.getExtension())) {
                    jars.add(new Resolved(artifact.getGroupId(), artifact.getArtifactId(), artifact.getBaseVersion(),
                            artifact.getFile().toPath()));
                }
            }
            return jars;
        } catch (DependencyResolutionException | IllegalArgumentException e) {
            throw new MagicException(magic + ": could not resolve " + what + " (searched " + context.describe(repositories)
                    + ", local repository " + context.localRepository + "): " + causes(e)
                    + ". Check the group, artifact and version on https://central.sonatype.com");
        }
    }

    /** The messages of an exception and its causes, without repeats. */
    static String causes(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage().strip());
            }
        }
        return String.join(": ", messages);
    }

    /** The repository system and a session configured from the settings, for one resolution. */
    private final class Context implements AutoCloseable {
        final RepositorySystem system = new RepositorySystemSupplier().get();
        final DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        final Path localRepository;

        Context() throws MagicException {
            Settings settings = readSettings();
            Properties properties = new Properties();
            properties.putAll(System.getProperties());
            session.setSystemProperties(properties);
            session.setConfigProperties(properties);
            // a dependency POM that is missing or invalid fails the resolution, with its reason
            session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
            session.setOffline(offline || settings.isOffline());
            localRepository = localRepositoryOverride != null ? localRepositoryOverride
                    : System.getProperty("maven.repo.local") != null ? Paths.get(System.getProperty("maven.repo.local"))
                    : settings.getLocalRepository() != null ? Paths.get(settings.getLocalRepository())
                    : defaultLocalRepository();
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile())));

            DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
            for (Mirror mirror : settings.getMirrors()) {
                mirrors.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
                        mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
            }
            session.setMirrorSelector(mirrors);
            DefaultProxySelector proxies = new DefaultProxySelector();
            for (Proxy proxy : settings.getProxies()) {
                if (proxy.isActive()) {
                    AuthenticationBuilder auth = new AuthenticationBuilder();
                    if (proxy.getUsername() != null) {
                        auth.addUsername(proxy.getUsername()).addPassword(proxy.getPassword());
                    }
                    proxies.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                            auth.build()), proxy.getNonProxyHosts());
                }
            }
            session.setProxySelector(proxies);
            DefaultAuthenticationSelector credentials = new DefaultAuthenticationSelector();
            for (Server server : settings.getServers()) {
                if (server.getUsername() != null) {
                    credentials.add(server.getId(), new AuthenticationBuilder().addUsername(server.getUsername())
                            .addPassword(server.getPassword()).build());
                }
            }
            session.setAuthenticationSelector(credentials);
        }

        private Settings readSettings() throws MagicException {
            DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
            if (userSettings != null && Files.isRegularFile(userSettings)) {
                request.setUserSettingsFile(userSettings.toFile());
            }
            if (globalSettings != null && Files.isRegularFile(globalSettings)) {
                request.setGlobalSettingsFile(globalSettings.toFile());
            }
            request.setSystemProperties(System.getProperties());
            try {
                return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
            } catch (SettingsBuildingException e) {
                throw new MagicException("%maven: cannot read the Maven settings (" + userSettings + "): " + e.getMessage());
            }
        }

        /** Maven Central, the repositories added with %mavenRepo and the given ones, with mirrors, proxies and credentials applied. */
        List<RemoteRepository> repositories(List<RemoteRepository> more) {
            List<RemoteRepository> all = new ArrayList<>();
            all.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
            all.addAll(extraRepositories);
            all.addAll(more);
            return system.newResolutionRepositories(session, all);
        }

        String describe(List<RemoteRepository> more) {
            return repositories(more).stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
        }

        @Override
        public void close() {
            system.shutdown();
        }
    }

    /** Finds parent and imported POMs in the repositories, for building a POM file's effective model. */
    private static final class RepositoryModelResolver implements ModelResolver {
        private final Context context;
        private final List<RemoteRepository> repositories;

        RepositoryModelResolver(Context context, List<RemoteRepository> repositories) {
            this.context = context;
            this.repositories = new ArrayList<>(repositories);
        }

        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version) throws UnresolvableModelException {
            try {
                ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(groupId, artifactId, "", "pom", version), repositories, null);
                File pom = context.system.resolveArtifact(context.session, request).getArtifact().getFile();
                return new FileModelSource(pom);
            } catch (ArtifactResolutionException e) {
                throw new UnresolvableModelException(causes(e), groupId, artifactId, version, e);
            }
        }

        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource resolveModel(org.apache.maven.model.Dependency dependency) throws UnresolvableModelException {
            return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        }

        @Override
        public void addRepository(Repository repository) {
            addRepository(repository, false);
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            RemoteRepository added = new RemoteRepository.Builder(repository.getId(), "default", repository.getUrl()).build();
            repositories.removeIf(r -> replace && r.getId().equals(added.getId()));
            if (repositories.stream().noneMatch(r -> r.getId().equals(added.getId()))) {
                repositories.addAll(context.system.newResolutionRepositories(context.session, List.of(added)));
            }
        }

        @Override
        public ModelResolver newCopy() {
            return new RepositoryModelResolver(context, repositories);
        }
    }
}
