package dev.probe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium for page checks: a screenshot and the rendered DOM of a local HTML file. Tests call
 * {@link #assumeAvailable()} first, so they skip where no browser is installed ({@code .ci/run} installs it).
 */
public final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private Chromium() {
    }

    /** Skips the calling test when {@code /usr/bin/chromium} is missing. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "no " + BINARY + ": skipping the browser check");
    }

    /** Renders {@code html} at {@code width × height} into {@code png}; returns the image. */
    public static BufferedImage screenshot(Path html, Path png, int width, int height, Path scratch)
            throws IOException, InterruptedException {
        Path out = png.toAbsolutePath();
        Files.deleteIfExists(out);
        run(scratch.resolve("profile-shot"), scratch.resolve("screenshot.log"), "--screenshot=" + out,
                "--window-size=" + width + "," + height, html.toAbsolutePath().toUri().toString());
        assertThat(out).as("chromium screenshot").isNotEmptyFile();
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        return image;
    }

    /** The DOM of {@code html} after its scripts ran. */
    public static String dom(Path html, Path scratch) throws IOException, InterruptedException {
        Path dom = scratch.resolve("dom.html");
        run(scratch.resolve("profile-dom"), dom, "--dump-dom", html.toAbsolutePath().toUri().toString());
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /** Distinct colours on a 4-pixel grid: a blank single-colour image has 1. */
    public static int colours(BufferedImage image) {
        return colours(image, 0, 0, image.getWidth(), image.getHeight());
    }

    /** Distinct colours on a 4-pixel grid inside one rectangle of the image. */
    public static int colours(BufferedImage image, int x0, int y0, int width, int height) {
        Set<Integer> seen = new HashSet<>();
        for (int y = y0; y < Math.min(image.getHeight(), y0 + height); y += 4) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + width); x += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /**
     * How many of the horizontal bands of {@code bandHeight} pixels hold more than one colour: a page whose content
     * stops early, or renders blank, has few.
     */
    public static int nonBlankBands(BufferedImage image, int bandHeight) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y += bandHeight) {
            if (colours(image, 0, y, image.getWidth(), bandHeight) > 1) {
                count++;
            }
        }
        return count;
    }

    /** The build folder: {@code probe.buildDir}, else the parent of test-classes, else {@code target}. */
    public static Path buildDir() throws URISyntaxException {
        String property = System.getProperty("probe.buildDir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path classes = Path.of(Chromium.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getFileName().toString().equals("test-classes") ? classes.getParent() : Path.of("target");
    }

    private static void run(Path profile, Path output, String... args) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish in 60 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code for " + command).isZero();
    }
}
