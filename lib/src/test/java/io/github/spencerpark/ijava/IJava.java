package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

/** Stands in for IJava's main class in tests: holds the "running" kernel as IJava does. */
public final class IJava {
    private static volatile BaseKernel kernel;

    private IJava() {
    }

    /** As IJava's: the kernel running in this JVM, or null. */
    public static BaseKernel getKernelInstance() {
        return kernel;
    }

    /** Sets the kernel the tests pretend is running. */
    public static void setKernelInstance(BaseKernel running) {
        kernel = running;
    }
}
