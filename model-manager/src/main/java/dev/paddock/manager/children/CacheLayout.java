package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a model's weights live in a node's cache: {@code <root>/<namespace>/<model>/weights-<key>.gguf},
 * the key a short hash of the source and checksum, so a changed source is a new file (and a new pull
 * Job) while an unchanged one is never pulled twice.
 */
public final class CacheLayout {

    /** Where the model's cache folder is mounted in pull, cleanup and worker pods. */
    public static final String MOUNT = "/cache";

    private final String root;

    /** @param root the cache folder on every node (hostPath) */
    public CacheLayout(String root) {
        this.root = root.replaceAll("/+$", "");
    }

    /** The model's folder on the node. */
    public String hostFolder(Model model) {
        return root + "/" + model.getMetadata().getNamespace() + "/" + model.getMetadata().getName();
    }

    /** The weights file's name in the model's folder. */
    public static String fileName(Model model) {
        return "weights-" + key(model) + ".gguf";
    }

    /** Short hash of what is pulled: the source and its checksum. */
    public static String key(Model model) {
        ModelResourceSpec s = model.getSpec();
        String hf = s.huggingFace == null ? "" : s.huggingFace.repo + "/" + s.huggingFace.file + "@" + s.huggingFace.revision;
        String pvc = s.pvc == null ? "" : s.pvc.claimName + ":" + s.pvc.path;
        return shortHash(s.source + "|" + hf + "|" + pvc + "|" + s.sha256);
    }

    /** The first 10 hex digits of a string's sha256. */
    public static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A child's name: the model's name (shortened to fit) and a suffix. */
    public static String childName(Model model, String suffix) {
        String name = model.getMetadata().getName();
        int room = 63 - suffix.length() - 1;
        String base = name.length() <= room ? name : name.substring(0, room);
        return (base.replaceAll("[^a-z0-9-]", "-").replaceAll("-+$", "") + "-" + suffix);
    }
}
