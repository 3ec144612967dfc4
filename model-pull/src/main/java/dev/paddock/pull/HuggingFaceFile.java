package dev.paddock.pull;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A file in a Hugging Face model repository at a revision, and the URL the hub serves it from
 * ({@code <base>/<repo>/resolve/<revision>/<file>}).
 *
 * @param repo {@code owner/name}
 * @param file path of the file inside the repository
 * @param revision branch, tag or commit ({@code main} when null)
 */
public record HuggingFaceFile(String repo, String file, String revision) {

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    public HuggingFaceFile {
        if (repo == null || !REPO.matcher(repo).matches()) {
            throw new IllegalArgumentException("repo must be owner/name (got " + repo + ")");
        }
        if (file == null || file.isBlank() || file.contains("..") || file.startsWith("/")) {
            throw new IllegalArgumentException("file must be a relative path inside the repo (got " + file + ")");
        }
        revision = revision == null || revision.isBlank() ? "main" : revision;
    }

    /** The download URL under the hub's base URL (e.g. {@code https://huggingface.co}). */
    public URI resolveUrl(URI base) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + "/" + repo + "/resolve/" + URLEncoder.encode(revision, StandardCharsets.UTF_8)
                + "/" + file);
    }
}
