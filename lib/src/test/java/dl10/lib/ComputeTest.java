package dl10.lib;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ComputeTest {
    @Test
    void devicePrintsOneLineNamingDeviceEngineAndThreads() {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Device device;
        try {
            System.setOut(new PrintStream(buffer, true));
            device = Compute.device();
        } finally {
            System.setOut(old);
        }
        String line = buffer.toString().trim();
        assertEquals(Engine.getInstance().getGpuCount() > 0, device.isGpu());
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("Computing on " + (device.isGpu() ? "GPU" : "CPU")), line);
        assertTrue(line.contains("PyTorch 2.7.1"), line);
        assertTrue(line.contains("DJL 0.36.0"), line);
        assertTrue(line.matches(".*, \\d+ (thread|threads|processors)$"), line);
    }

    @Test
    void seedRepeatsEngineAndJavaRandomNumbers() {
        float[] first;
        float[] second;
        float[] other;
        Random r1 = Compute.seed(2024);
        try (NDManager m = NDManager.newBaseManager()) {
            first = m.randomNormal(new Shape(5)).toFloatArray();
            first = concat(first, m.randomUniform(0, 1, new Shape(3)).toFloatArray());
        }
        int j1 = r1.nextInt();
        Random r2 = Compute.seed(2024);
        try (NDManager m = NDManager.newBaseManager()) {
            second = m.randomNormal(new Shape(5)).toFloatArray();
            second = concat(second, m.randomUniform(0, 1, new Shape(3)).toFloatArray());
        }
        assertArrayEquals(first, second);
        assertEquals(j1, r2.nextInt());
        Compute.seed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            other = m.randomNormal(new Shape(5)).toFloatArray();
        }
        assertNotEquals(first[0], other[0]);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
