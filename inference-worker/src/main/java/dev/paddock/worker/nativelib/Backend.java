package dev.paddock.worker.nativelib;

/** Which build of llama.cpp to load. */
public enum Backend {
    /** CPU only; the best instruction-set variant is chosen at load time. */
    CPU("linux-x64"),
    /** CUDA build: layers are offloaded to NVIDIA GPUs. */
    CUDA("linux-x64-cuda");

    private final String resourceDir;

    Backend(String resourceDir) {
        this.resourceDir = resourceDir;
    }

    String resourceDir() {
        return resourceDir;
    }
}
