package dl10.tests.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dl10.tests.CourseCheckout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class hub's configuration (environment/jupyterhub/jupyterhub_config.py) refuses what would
 * leave a class without a working or safe hub, each time saying what to do: no class list, an empty
 * one, no systemd to limit students' servers, and the test-only settings on an address other than
 * loopback. Each case loads the configuration as JupyterHub does (executed with {@code c = get_config()}
 * in the course's Python), without importing JupyterHub itself, which takes seconds per start; that
 * the configuration runs in the real hub is what ClassOnJupyterHubTest shows.
 */
class ClassHubConfigurationTest {
    private final Path root = CourseCheckout.root();

    private record Result(int exitCode, String output) {
    }

    /** Loads the configuration file the way traitlets loads a JupyterHub config, then prints the config. */
    private static final String LOADER = String.join("\n",
            "import sys",
            "from traitlets.config import Config",
            "c = Config()",
            "path = sys.argv[1]",
            "exec(compile(open(path).read(), path, 'exec'), {'get_config': lambda: c, '__file__': path, '__name__': '__main__'})",
            "print(c)");

    private Result load(Path state, Map<String, String> settings) throws IOException, InterruptedException {
        Path venv = ClassHub.venv(root);
        ClassHub.assumeInstalled(List.of(venv.resolve("bin/jupyterhub")));
        ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/python").toString(), "-c", LOADER,
                root.resolve("environment/jupyterhub/jupyterhub_config.py").toString())
                .directory(state.toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(Map.of("DL10_VENV", venv.toString(), "DL10_HUB_STATE", state.toString()));
        env.putAll(settings);
        builder.environment().keySet().removeIf(k -> k.startsWith("DL10_HUB_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "loading the hub's configuration did not finish");
        return new Result(process.exitValue(), output);
    }

    @Test
    void noClassListIsRefusedSayingWhereToWriteIt(@TempDir Path state) throws Exception {
        Result r = load(state, Map.of());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("no class list at " + state.resolve("class-list.txt")
                + ": write one student name per line"), r.output());
    }

    @Test
    void aClassListWithNobodyIsRefused(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("class-list.txt"), "# names come here\n\n");
        Result r = load(state, Map.of());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("the class list " + state.resolve("class-list.txt") + " names nobody"), r.output());
    }

    @Test
    void withoutSystemdTheHubRefusesToServeAClass(@TempDir Path state) throws Exception {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "this machine runs systemd");
        Files.writeString(state.resolve("class-list.txt"), "ada\n");
        Result r = load(state, Map.of());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("this machine does not run systemd"), r.output());
    }

    @Test
    void theTestOnlySettingsAreRefusedBeyondLoopback(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("class-list.txt"), "ada\n");
        Result auth = load(state, Map.of("DL10_HUB_AUTH", "dummy", "DL10_HUB_URL", "http://:8000"));
        assertEquals(1, auth.exitCode(), auth.output());
        assertTrue(auth.output().contains("DL10_HUB_AUTH=dummy accepts any password and is only allowed on a loopback address"), auth.output());
        Result spawner = load(state, Map.of("DL10_HUB_SPAWNER", "simple", "DL10_HUB_URL", "http://0.0.0.0:8000"));
        assertEquals(1, spawner.exitCode(), spawner.output());
        assertTrue(spawner.output().contains("DL10_HUB_SPAWNER=simple runs every student as the hub's user"), spawner.output());
        Result unknown = load(state, Map.of("DL10_HUB_SPAWNER", "docker"));
        assertEquals(1, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown DL10_HUB_SPAWNER='docker'"), unknown.output());
    }

    @Test
    void onLoopbackTheTestSettingsLoadWithTheCoursesLimits(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("class-list.txt"), "ada\nbob\n");
        Result r = load(state, Map.of("DL10_HUB_SPAWNER", "simple", "DL10_HUB_AUTH", "dummy", "DL10_HUB_URL", "http://127.0.0.1:8000"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("spawner_class") && r.output().contains("simple"), r.output());
        assertTrue(r.output().contains("mem_limit") && r.output().contains("2G"), r.output());
        assertTrue(r.output().contains("singleuser.sh"), r.output());
    }
}
