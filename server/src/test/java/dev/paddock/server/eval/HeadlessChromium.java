package dev.paddock.server.eval;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, for what a person sees on a page: the DOM after its
 * scripts ran, and a screenshot. Flags: no sandbox (tests run as root), and no background networking,
 * component updates or sync (their connections are refused in the build environment).
 */
final class HeadlessChromium {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    private HeadlessChromium() {
    }

    /** The browser binary, when installed. */
    static Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /** The page's DOM once its scripts have run (their fetches included, within the time budget). */
    static String dumpDom(URI page) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dom", ".html");
        run(List.of("--dump-dom", page.toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page as a 1280-pixel-wide window shows it. */
    static void screenshot(URI page, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,1500", "--hide-scrollbars",
                page.toString()), Files.createTempFile("chromium", ".log"));
    }

    private static void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary().orElseThrow().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=10000"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 90 s: " + command);
        }
    }
}
