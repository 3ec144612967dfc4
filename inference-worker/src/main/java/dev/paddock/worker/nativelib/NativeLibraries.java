package dev.paddock.worker.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The llama.cpp shared libraries shipped inside this jar, extracted once into a private cache
 * directory named by variant and content hash. Extraction goes to a temporary sibling directory,
 * is checked against the recorded sha256 of each file, and is renamed into place atomically, so
 * two processes starting at once both end up loading one complete copy.
 */
public final class NativeLibraries {

    /** Platforms with prebuilt libraries in this jar. */
    public static final List<String> SUPPORTED_PLATFORMS = List.of("linux-x64 (CPU, CUDA)");

    private static final String RESOURCE_ROOT = "/dev/paddock/worker/nativelib/";

    private NativeLibraries() {
    }

    /**
     * Extracts (if needed) the libraries of a variant and returns their directory.
     *
     * @param backend which build to use
     * @param cacheRoot where extracted copies live (e.g. ~/.cache/paddock/native)
     */
    public static Path extract(Backend backend, Path cacheRoot) {
        checkPlatform();
        Properties index = index(backend);
        Path target = cacheRoot.resolve(backend.resourceDir() + "-" + version(index) + "-"
                + index.getProperty("content.hash"));
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            Path staging = Files.createDirectory(cacheRoot.resolve(".staging-" + UUID.randomUUID()));
            copyVerified(backend, index, staging);
            Files.writeString(staging.resolve(".complete"), index.getProperty("package"));
            publish(staging, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract llama.cpp libraries to " + cacheRoot, e);
        }
    }

    /** Whether this jar carries the libraries of a variant. */
    public static boolean isAvailable(Backend backend) {
        return NativeLibraries.class.getResource(RESOURCE_ROOT + backend.resourceDir() + "/index.properties") != null;
    }

    /** The default cache root: $XDG_CACHE_HOME/paddock/native or ~/.cache/paddock/native. */
    public static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("paddock").resolve("native");
    }

    static void checkPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "").toLowerCase();
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedPlatformException("Paddock's engine has llama.cpp libraries for "
                    + String.join(", ", SUPPORTED_PLATFORMS) + "; this machine is " + os + "/" + arch);
        }
    }

    private static Properties index(Backend backend) {
        try (InputStream in = resource(backend, "index.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version(Properties index) {
        String pkg = index.getProperty("package");
        return pkg.substring(pkg.lastIndexOf('@') + 1);
    }

    private static void copyVerified(Backend backend, Properties index, Path dir) throws IOException {
        for (String file : index.getProperty("files").split(",")) {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(resource(backend, file), sha)) {
                Files.copy(in, dir.resolve(file));
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(index.getProperty("sha256." + file))) {
                throw new IOException("corrupt native library " + file + " in the jar (sha256 " + actual + ")");
            }
        }
    }

    private static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException raced) {
            // rename(2) fails with ENOTEMPTY/EEXIST when another process published the same content first: use theirs
            deleteTree(staging);
            if (!Files.isRegularFile(target.resolve(".complete"))) {
                throw new IOException("incomplete native library cache at " + target + "; delete it and retry", raced);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static InputStream resource(Backend backend, String name) {
        InputStream in = NativeLibraries.class.getResourceAsStream(RESOURCE_ROOT + backend.resourceDir() + "/" + name);
        if (in == null) {
            throw new IllegalStateException("this build has no " + backend + " llama.cpp libraries ("
                    + name + " missing)" + (backend == Backend.CUDA ? "; build with ./mvnw -Pcuda" : ""));
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
