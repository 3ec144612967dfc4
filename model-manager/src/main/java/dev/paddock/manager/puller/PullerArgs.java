package dev.paddock.manager.puller;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The puller's command line. */
record PullerArgs(String source, String hfRepo, String hfFile, String hfRevision, String hfBaseUrl, Path file,
        String sha256, Path dest, Set<String> allowedHosts, boolean allowPrivate, Path result, Path remove,
        long progressMillis) {

    static PullerArgs parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--allow-private")) {
                b.allowPrivate = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            b.set(flag, args[++i]);
        }
        return b.build();
    }

    private static final class Builder {
        String source;
        String hfRepo;
        String hfFile;
        String hfRevision;
        String hfBaseUrl = "https://huggingface.co";
        String file;
        String sha256;
        String dest;
        String result;
        String remove;
        long progressMillis = 2000;
        final Set<String> hosts = new HashSet<>();
        boolean allowPrivate;

        void set(String flag, String value) {
            switch (flag) {
                case "--source" -> source = value;
                case "--hf-repo" -> hfRepo = value;
                case "--hf-file" -> hfFile = value;
                case "--hf-revision" -> hfRevision = value;
                case "--hf-base-url" -> hfBaseUrl = value;
                case "--file" -> file = value;
                case "--sha256" -> sha256 = value;
                case "--dest" -> dest = value;
                case "--allow-host" -> hosts.add(value);
                case "--result" -> result = value;
                case "--remove" -> remove = value;
                case "--progress-ms" -> progressMillis = millis(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }

        PullerArgs build() {
            if (remove == null) {
                int sources = (source != null ? 1 : 0) + (hfRepo != null ? 1 : 0) + (file != null ? 1 : 0);
                if (sources != 1) {
                    throw new IllegalArgumentException("give exactly one of --source, --hf-repo or --file");
                }
                if (dest == null) {
                    throw new IllegalArgumentException("--dest is required");
                }
                if (hfRepo != null && hfFile == null) {
                    throw new IllegalArgumentException("--hf-repo needs --hf-file");
                }
                if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException("--sha256 must be 64 hex digits");
                }
            }
            return new PullerArgs(source, hfRepo, hfFile, hfRevision, hfBaseUrl, file == null ? null : Path.of(file),
                    sha256, dest == null ? null : Path.of(dest), hosts, allowPrivate,
                    result == null ? null : Path.of(result), remove == null ? null : Path.of(remove), progressMillis);
        }

        private static long millis(String value) {
            if (!value.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("--progress-ms must be a number of milliseconds");
            }
            return Long.parseLong(value);
        }
    }
}
