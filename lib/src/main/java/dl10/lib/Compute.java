package dl10.lib;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Random;

/**
 * Where the lessons compute and how they stay reproducible. {@link #device()} picks the first GPU
 * when the PyTorch engine sees one, else the CPU, and prints one line saying which.
 * {@link #seed(long)} seeds DJL and PyTorch's generator and returns a seeded {@link Random} for
 * the lesson's own shuffling, so a lesson run twice gives the same numbers on the same machine.
 *
 * <p>GPU: the course pins the CPU natives ({@code pytorch-native-cpu}) because the CUDA builds of
 * PyTorch 2.7.1 are not published on Maven Central. To train on an NVIDIA GPU, build with
 * {@code mvn -Dcuda ...}: the lib pom then leaves the CPU natives out and DJL fetches the CUDA
 * natives matching the machine's CUDA at first start (needs network; {@code PYTORCH_FLAVOR=cu128}
 * forces the flavour), or loads an unpacked libtorch 2.7.1 CUDA build named by
 * {@code PYTORCH_LIBRARY_PATH}. See lib/GPU.md.
 */
public final class Compute {
    private Compute() {
    }

    /** GPU 0 if the engine reports a GPU, else the CPU; prints the choice, engine and thread count. */
    public static Device device() {
        Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        System.out.println(describe(device));
        return device;
    }

    /** The one-line description printed by {@link #device()}. */
    static String describe(Device device) {
        Engine engine = Engine.getInstance();
        String threads;
        try {
            int count = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            threads = count + (count == 1 ? " thread" : " threads");
        } catch (RuntimeException | LinkageError e) {
            threads = Runtime.getRuntime().availableProcessors() + " processors";
        }
        return "Computing on " + (device.isGpu() ? "GPU " + device.getDeviceId() : "CPU") + " (" + device + ") with "
                + engine.getEngineName() + " " + engine.getVersion() + ", DJL " + Engine.getDjlVersion() + ", " + threads;
    }

    /**
     * Seeds the engine's random generators (DJL's and PyTorch's, so weight initialisation and
     * random arrays repeat) and returns a {@link Random} with the same seed for the lesson's own use.
     * Being the first call of most lessons, it also tunes the native allocator for training
     * ({@link NativeMemory#tune()}).
     */
    public static Random seed(long seed) {
        NativeMemory.tune();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        return new Random(seed);
    }
}
