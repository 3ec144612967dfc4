package dev.paddock.worker.llama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.worker.nativelib.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.paddock.worker.nativelib.NativeLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * Loads llama.cpp once per JVM: extracts the libraries of the chosen backend, loads them, routes
 * llama.cpp's log to JBoss Logging, registers the compute backends (the best CPU variant, CUDA when
 * present) and initializes llama.cpp.
 *
 * <p>
 * The backend comes from the system property {@code paddock.engine.backend} ({@code cpu},
 * {@code cuda} or {@code auto}, the default: CUDA when this build carries it and an NVIDIA driver is
 * present), the cache directory from {@code paddock.engine.native-cache}.
 */
public final class LlamaRuntime {

    private static final Logger LOG = Logger.getLogger("dev.paddock.worker.llama.native");
    private static final ThreadLocal<Deque<String>> RECENT_ERRORS = ThreadLocal.withInitial(ArrayDeque::new);
    /** Load order: each library needs the ones before it. The CUDA build names them libggml.cuda.v*.so etc. */
    private static final String[] LIBRARY_PATTERNS = { "libggml-base\\.so", "libggml(\\.cuda)?\\.v[0-9.]+\\.so",
        "libllama(\\.cuda)?\\.v[0-9.]+\\.so" };

    private static final String BACKENDS_LOADED = "paddock.engine.backends-loaded";

    private static Backend backend;
    private static Path directory;

    private LlamaRuntime() {
    }

    /** Makes sure llama.cpp is loaded and initialized (idempotent, thread-safe). */
    public static void ensureLoaded() {
        Llama.touch(); // touching Llama runs the one-time initialization in its static initializer
    }

    /** The backend that was loaded. */
    public static Backend backend() {
        ensureLoaded();
        return backend;
    }

    /** Where the loaded libraries live. */
    public static Path directory() {
        ensureLoaded();
        return directory;
    }

    /**
     * The llama.cpp error and warning lines logged on this thread since the last call, joined; used to
     * explain a failed load or decode.
     */
    public static String drainRecentErrors() {
        Deque<String> lines = RECENT_ERRORS.get();
        String text = String.join("; ", lines);
        lines.clear();
        return text;
    }

    static synchronized SymbolLookup load() {
        backend = chooseBackend();
        Path cache = Path.of(System.getProperty("paddock.engine.native-cache",
                NativeLibraries.defaultCacheRoot().toString()));
        directory = NativeLibraries.extract(backend, cache);
        // dlopen through the FFM API, not System.load: a JNI library can belong to one class loader only,
        // and a second Quarkus application in the same JVM (tests, dev mode) must be able to load it again
        SymbolLookup lookup = null;
        for (String pattern : LIBRARY_PATTERNS) {
            SymbolLookup lib = SymbolLookup.libraryLookup(find(directory, pattern), Arena.global());
            lookup = lookup == null ? lib : lookup.or(lib);
        }
        return lookup;
    }

    static void afterBindings() {
        Llama.logSet(logCallback(), MemorySegment.NULL);
        Llama.backendInit();
        // the native backend registry is per process: register the compute backends only once per JVM
        if (System.getProperties().putIfAbsent(BACKENDS_LOADED, directory.toString()) == null) {
            try (Arena arena = Arena.ofConfined()) {
                Llama.loadBackends(arena.allocateFrom(directory.toString()));
            }
        }
        LOG.debugf("llama.cpp %s loaded from %s: %s", backend, directory, Llama.systemInfo());
        if (backend == Backend.CUDA && !Llama.supportsGpuOffload()) {
            String why = "the CUDA build of llama.cpp found no usable GPU: it needs an NVIDIA driver and the CUDA 13"
                    + " runtime (libcudart.so.13, libcublas.so.13) on the library path";
            if ("cuda".equals(System.getProperty("paddock.engine.backend"))) {
                throw new IllegalStateException(why + " " + drainRecentErrors());
            }
            LOG.warn(why + "; running on the CPU");
        }
    }

    private static Path find(Path dir, String pattern) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no library matching " + pattern + " in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Backend chooseBackend() {
        String choice = System.getProperty("paddock.engine.backend", "auto").trim().toLowerCase();
        return switch (choice) {
            case "cpu" -> Backend.CPU;
            case "cuda" -> Backend.CUDA;
            case "auto" -> NativeLibraries.isAvailable(Backend.CUDA) && hasNvidiaDriver() ? Backend.CUDA : Backend.CPU;
            default -> throw new IllegalArgumentException(
                    "paddock.engine.backend must be cpu, cuda or auto, not '" + choice + "'");
        };
    }

    private static boolean hasNvidiaDriver() {
        return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"));
    }

    private static MemorySegment logCallback() {
        try {
            var handle = MethodHandles.lookup().findStatic(LlamaRuntime.class, "onLog",
                    MethodType.methodType(void.class, int.class, MemorySegment.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(handle,
                    FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ggml_log_level: NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5
    private static void onLog(int level, MemorySegment text, MemorySegment userData) {
        String line = text.reinterpret(Long.MAX_VALUE).getString(0).strip();
        if (line.isEmpty()) {
            return;
        }
        if (level < 3 || level > 4) {
            LOG.trace(line);
            return;
        }
        // warnings and errors reach users through the exceptions that quote them, so log them only at debug
        LOG.debug(line);
        Deque<String> recent = RECENT_ERRORS.get();
        if (recent.size() >= 8) {
            recent.removeFirst();
        }
        recent.addLast(line);
    }
}
